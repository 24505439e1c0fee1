using System.Globalization;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>Whole numbers out of JSON nodes whether they were parsed or built in memory.</summary>
internal static class JsonNumbers
{
    public static long AsLong(this JsonNode node) => long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
}
