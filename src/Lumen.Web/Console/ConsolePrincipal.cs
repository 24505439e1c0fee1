namespace Lumen.Web.Console;

/// <summary>Who is deciding: a signed-in <see cref="Session"/>, or a script with the bearer token (no session, so no CSRF).</summary>
internal sealed record ConsolePrincipal(string Name, ConsoleSession? Session)
{
    public bool ViaBearer => Session is null;
}
