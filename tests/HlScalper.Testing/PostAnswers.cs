using System.Text;
using System.Text.Json;
using HlScalper.Protocol.Codec.Fuzzing;

namespace HlScalper.Testing;

/// <summary>Post answers as the exchange sends them: the spec's examples, answers for a chosen request id, and the fuzz harness's mutations of them.</summary>
public static class PostAnswers
{
    /// <summary>The <c>response</c> object of every post answer among the spec's examples (order, batch, cancel, refused, error, default, info).</summary>
    public static List<string> SpecResponses() =>
        Recordings.Examples().Where(e => e.Kind == "post-response").Select(e =>
        {
            using var doc = JsonDocument.Parse(e.Message);
            return doc.RootElement.GetProperty("data").GetProperty("response").GetRawText();
        }).ToList();

    /// <summary>The message the server sends for request <paramref name="id"/> with <paramref name="response"/> (a JSON object).</summary>
    public static byte[] Message(long id, string response) => Encoding.UTF8.GetBytes("{\"channel\":\"post\",\"data\":{\"id\":" + id + ",\"response\":" + response + "}}");

    /// <summary>An action answer: <paramref name="payload"/> is the <c>/exchange</c> body.</summary>
    public static string Action(string payload) => $$"""{"type":"action","payload":{{payload}}}""";

    /// <summary>An accepted action with these statuses (each a JSON value).</summary>
    public static string Statuses(string type, params string[] statuses) =>
        Action("{\"status\":\"ok\",\"response\":{\"type\":\"" + type + "\",\"data\":{\"statuses\":[" + string.Join(",", statuses) + "]}}}");

    /// <summary>The codec fuzz harness's mutation of <paramref name="message"/> (seeded).</summary>
    public static byte[] Mutate(int seed, byte[] message) => new HlMessageMutator(seed).Mutate(message);
}
