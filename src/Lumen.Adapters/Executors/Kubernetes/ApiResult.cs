using System.Text.Json.Nodes;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>One API call's answer: the object on 2xx, otherwise the status and a reason (the API's own message, never a credential).</summary>
internal sealed record ApiResult(int Status, JsonObject? Object, string Reason, bool Transient)
{
    public const int Conflict = 409;

    public bool IsOk => Object is not null;

    public bool IsConflict => Status == Conflict;
}
