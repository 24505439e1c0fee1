using System.Text.Json.Serialization;
using Lumen.Runtime.Loop;

namespace Lumen.Runtime.Json;

/// <summary>Compile-time JSON metadata for the loop's saved state files (models/linucb.json,
/// models/tuner.json), read and written without run-time code generation (the Native AOT build).</summary>
[JsonSerializable(typeof(BanditStore.ModelFile))]
[JsonSerializable(typeof(TunerStore.TunerFile))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
