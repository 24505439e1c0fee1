using System.Text.Json.Serialization;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Reward;

namespace Lumen.Core.Json;

/// <summary>
/// Compile-time JSON metadata for the files Core reads back (the adjustment snapshot and the saved
/// models), so that reading them needs no run-time code generation (the Native AOT build). The
/// options that decide names and enums stay where they were (<see cref="AdjustmentSnapshot"/>,
/// <c>DecisionJson</c>) and use this context as their type resolver.
/// </summary>
[JsonSerializable(typeof(AdjustmentSnapshot))]
[JsonSerializable(typeof(LinUcbState))]
[JsonSerializable(typeof(RidgeRewardModel))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
