using System.Globalization;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Coordination;

/// <summary>Reading and writing the fields of a <c>coordination.k8s.io/v1</c> Lease that the coordinator uses.</summary>
internal static class LeaseDocument
{
    public static JsonObject New(string name, string ns, string stage, string role, string? service) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject
            {
                [KubernetesLeaseCoordinatorOptions.ManagedByLabel] = "lumen",
                [KubernetesLeaseCoordinatorOptions.StageLabel] = LeaseNames.LabelValue(stage),
                [KubernetesLeaseCoordinatorOptions.RoleLabel] = role,
            },
            ["annotations"] = service is null ? new JsonObject() : new JsonObject { [KubernetesLeaseCoordinatorOptions.ServiceAnnotation] = service },
        },
        ["spec"] = new JsonObject(),
    };

    public static string Name(JsonObject lease) => lease["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string Version(JsonObject lease) => lease["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";

    public static string? Role(JsonObject lease) => lease["metadata"]?["labels"]?[KubernetesLeaseCoordinatorOptions.RoleLabel]?.GetValue<string>();

    public static string? Annotation(JsonObject lease, string key) => lease["metadata"]?["annotations"]?[key]?.GetValue<string>();

    public static string? Holder(JsonObject lease) =>
        lease["spec"]?["holderIdentity"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    public static long Transitions(JsonObject lease) =>
        lease["spec"]?["leaseTransitions"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    public static int? DurationSeconds(JsonObject lease) =>
        lease["spec"]?["leaseDurationSeconds"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    /// <summary>renewTime + leaseDurationSeconds is after <paramref name="now"/> (by the writer's clock: for display only).</summary>
    public static bool Current(JsonObject lease, DateTimeOffset now) =>
        lease["spec"]?["renewTime"] is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var renewed)
        && renewed + TimeSpan.FromSeconds(DurationSeconds(lease) ?? 0) > now;

    /// <summary>A copy holding <paramref name="holder"/> (null: released), renewed at <paramref name="now"/>.</summary>
    public static JsonObject Held(JsonObject lease, string? holder, DateTimeOffset now, int ttlSeconds, bool acquired)
    {
        var copy = lease.DeepClone().AsObject();
        var spec = copy["spec"] as JsonObject ?? new JsonObject();
        copy["spec"] = spec;
        spec["holderIdentity"] = holder;
        spec["leaseDurationSeconds"] = ttlSeconds;
        spec["renewTime"] = MicroTime(now);
        if (acquired)
        {
            spec["acquireTime"] = MicroTime(now);
            spec["leaseTransitions"] = Transitions(lease) + 1;
        }

        return copy;
    }

    /// <summary>A copy with annotation <paramref name="key"/> set.</summary>
    public static JsonObject Annotated(JsonObject lease, string key, string value)
    {
        var copy = lease.DeepClone().AsObject();
        var metadata = copy["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = new JsonObject();
            metadata["annotations"] = annotations;
        }

        annotations[key] = value;
        return copy;
    }

    /// <summary>The API's MicroTime: RFC 3339 with microseconds, UTC.</summary>
    public static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
