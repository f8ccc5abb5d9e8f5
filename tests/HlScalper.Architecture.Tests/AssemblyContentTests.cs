using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HlScalper.Architecture.Tests;

/// <summary>What the shipped assemblies may use and how their types are named, read from the built assemblies' metadata.</summary>
public class AssemblyContentTests
{
    private static readonly string[] Shipped =
        ["HlScalper.Engine", "HlScalper.Protocol", "HlScalper.Gateway", "HlScalper.Replay", "HlScalper.Live", "HlScalper.LocalExchange", "HlScalper.Archive", "hlscalper"];

    [Test]
    public void The_engine_does_no_IO()
    {
        var io = ReferencedTypes("HlScalper.Engine").Where(t => t.StartsWith("System.IO.", StringComparison.Ordinal) || t.StartsWith("System.Net.", StringComparison.Ordinal) || t == "System.Console").ToList();
        Assert.That(io, Is.Empty, "the engine reads time and data from events only; I/O belongs to the gateway and tools");
    }

    [Test]
    public void The_protocol_has_no_sockets_or_HTTP()
    {
        var network = ReferencedTypes("HlScalper.Protocol").Where(t => t.StartsWith("System.Net.Sockets.", StringComparison.Ordinal) || t.StartsWith("System.Net.Http.", StringComparison.Ordinal)
            || t.StartsWith("System.Net.WebSockets.", StringComparison.Ordinal)).ToList();
        Assert.That(network, Is.Empty, "the protocol turns messages into events and intents into bytes; the gateway moves them");
    }

    [Test]
    public void No_two_shipped_types_share_a_name()
    {
        var names = Shipped.SelectMany(a => Assembly.LoadFrom(PathOf(a)).GetTypes())
            .Where(t => !t.IsNested && !t.Name.StartsWith('<') && t.Namespace?.StartsWith("HlScalper", StringComparison.Ordinal) == true)
            .GroupBy(t => t.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();
        Assert.That(names, Is.Empty, "a newcomer should find a type in one guess");
    }

    private static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    /// <summary>Full names of the types an assembly's code refers to in other assemblies.</summary>
    private static List<string> ReferencedTypes(string assembly)
    {
        using var stream = File.OpenRead(PathOf(assembly));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences.Select(h => metadata.GetTypeReference(h))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")
            .Distinct()
            .ToList();
    }
}
