using System.Net.Http.Headers;
using System.Text.Json;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>Reads a demo-service knob through its admin endpoint, as an operator would check it.</summary>
internal static class AdminClient
{
    public static async Task<double> KnobAsync(HttpClient http, Uri adminUrl, string token, string knob)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, adminUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty(knob).GetDouble();
    }
}
