namespace Lumen.Adapters.Prometheus;

/// <summary>The <c>data.resultType</c> of a query answer.</summary>
public enum PromResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
}
