using System.Collections.Immutable;
using System.Text.Json;

namespace Lumen.Web.Rollouts;

/// <summary>
/// The JSON body of every rollout answer, schema <c>lumen.rollout_answer/1</c> (docs/rollout-tools.md, "Answers").
/// <c>decision</c> is <c>pass</c>, <c>fail</c> or <c>inconclusive</c> when the judge answered, <c>error</c> when it could
/// not (Prometheus down, bad request, unknown rollout); <c>final</c> says whether more data can change it. Argo's
/// AnalysisTemplate reads <c>decision</c> and <c>final</c>; <c>promote</c> is set by confirm-promotion only.
/// </summary>
internal sealed record RolloutAnswer(
    int Status,
    string Tool,
    string? Service,
    string Stage,
    string Decision,
    bool Final,
    string? ReportSha256,
    ImmutableArray<RolloutGate> Gates,
    ImmutableArray<string> Reasons)
{
    public const string Schema = "lumen.rollout_answer/1";

    public bool? Promote { get; init; }

    public RolloutApproval? Approval { get; init; }

    public long? LedgerSeq { get; init; }

    public static RolloutAnswer Error(int status, string tool, string? service, string stage, string reason) =>
        new(status, tool, service, stage, "error", false, null, [], [reason]);

    public byte[] ToUtf8()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("tool", Tool);
            Str(json, "service", Service);
            json.WriteString("stage", Stage);
            json.WriteString("decision", Decision);
            json.WriteBoolean("final", Final);
            Str(json, "report_sha256", ReportSha256);
            json.WriteStartArray("gates");
            foreach (var gate in Gates)
            {
                json.WriteStartObject();
                json.WriteString("gate", gate.Gate);
                json.WriteString("outcome", gate.Outcome);
                json.WriteString("reason", gate.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("reasons");
            foreach (var reason in Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            if (Promote is { } promote)
            {
                json.WriteBoolean("promote", promote);
            }

            if (Approval is { } approval)
            {
                json.WriteStartObject("approval");
                json.WriteBoolean("required", approval.Required);
                Str(json, "id", approval.Id);
                json.WriteString("status", approval.Status);
                json.WriteString("reason", approval.Reason);
                json.WriteEndObject();
            }

            if (LedgerSeq is { } seq)
            {
                json.WriteNumber("ledger_seq", seq);
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Str(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
