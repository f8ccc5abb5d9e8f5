using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HlScalper.Architecture.Tests;

/// <summary>
/// The layering of DESIGN.md, read from the project files: engine ← protocol ← gateway; replay on engine and protocol;
/// tools on anything but bench and tests; bench on anything but tests; tests on anything.
/// </summary>
public class LayeringTests
{
    private const string Engine = "HlScalper.Engine", Protocol = "HlScalper.Protocol", Gateway = "HlScalper.Gateway", Replay = "HlScalper.Replay";
    private const string Live = "HlScalper.Live", LocalExchange = "HlScalper.LocalExchange", Archive = "HlScalper.Archive", Cli = "HlScalper.Cli";

    /// <summary>
    /// Every shipped project and what it may reference. A new project fails <see cref="Every_project_is_in_the_solution_and_has_a_place_in_the_layering"/>
    /// until it is placed here, on purpose: a new arrow is a design decision.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Engine] = [],
        [Protocol] = [Engine],
        [Gateway] = [Engine, Protocol],
        [Replay] = [Engine, Protocol],
        [Live] = [Engine, Protocol, Gateway],
        [LocalExchange] = [Engine, Protocol, Replay],
        [Archive] = [Engine, Protocol, Replay],
        [Cli] = [Engine, Protocol, Gateway, Replay, Live, LocalExchange, Archive],
    };

    [Test]
    public void Every_project_reference_follows_the_layering()
    {
        var violations = Projects().SelectMany(p => References(p).Where(r => !MayReference(p, r)).Select(r => $"{Name(p)} → {r}")).ToList();
        Assert.That(violations, Is.Empty, "project references outside the layering (DESIGN.md); fix the reference or, for a deliberate new arrow, the allowed list of this test");
    }

    [Test]
    public void Every_project_is_in_the_solution_and_has_a_place_in_the_layering()
    {
        var projects = Projects().Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).ToHashSet();
        var inSolution = Regex.Matches(File.ReadAllText(Path.Combine(Root, "HlScalper.Fast.sln")), "\"([^\"]+\\.csproj)\"").Select(m => m.Groups[1].Value.Replace('\\', '/')).ToHashSet();
        var unplaced = Projects().Select(Name).Where(n => Kind(n) == ProjectKind.Shipped && !Allowed.ContainsKey(n)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(projects.Except(inSolution), Is.Empty, "projects missing from HlScalper.Fast.sln");
            Assert.That(inSolution.Except(projects), Is.Empty, "solution entries without a project file");
            Assert.That(unplaced, Is.Empty, "shipped projects with no place in this test's layering");
        });
    }

    [Test]
    public void The_checker_refuses_an_arrow_against_the_layering() =>
        Assert.Multiple(() =>
        {
            Assert.That(MayReference(ProjectPath("engine", Engine), Protocol), Is.False, "engine → protocol points up");
            Assert.That(MayReference(ProjectPath("replay", Replay), Gateway), Is.False, "the back-tester must not need the I/O layer");
            Assert.That(MayReference(ProjectPath("tools", Cli), "HlScalper.Bench"), Is.False, "nothing ships the benchmarks");
            Assert.That(MayReference(ProjectPath("bench", "HlScalper.Bench"), "HlScalper.Testing"), Is.False, "nothing references tests");
            Assert.That(MayReference(ProjectPath("tests", "HlScalper.Live.Tests"), LocalExchange), Is.True, "tests may use anything");
        });

    private static string Root => SharedData.RepositoryRoot;

    private static IEnumerable<string> Projects() =>
        new[] { "engine", "gateway", "replay", "tools", "bench", "tests" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(Root, top), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string ProjectPath(string top, string name) => Path.Combine(Root, top, name, name + ".csproj");

    private static string Name(string projectPath) => Path.GetFileNameWithoutExtension(projectPath);

    private static IEnumerable<string> References(string projectPath) =>
        XDocument.Load(projectPath).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));

    private enum ProjectKind
    {
        Shipped,
        Bench,
        Tests,
    }

    private static ProjectKind Kind(string name) =>
        name == "HlScalper.Bench" ? ProjectKind.Bench
        : name == "HlScalper.Testing" || name.EndsWith(".Tests", StringComparison.Ordinal) ? ProjectKind.Tests
        : ProjectKind.Shipped;

    private static bool MayReference(string projectPath, string target)
    {
        var name = Name(projectPath);
        if (Kind(target) == ProjectKind.Tests) return Kind(name) == ProjectKind.Tests;
        return Kind(name) switch
        {
            ProjectKind.Tests => true,
            ProjectKind.Bench => true,
            _ => Allowed.TryGetValue(name, out var targets) && targets.Contains(target),
        };
    }
}
