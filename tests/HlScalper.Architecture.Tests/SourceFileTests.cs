using System.Text.RegularExpressions;

namespace HlScalper.Architecture.Tests;

/// <summary>The style card's "one public type a file, named for what it is", read from the sources of every shipped project and bench.</summary>
public partial class SourceFileTests
{
    private static readonly string[] Roots = ["engine", "gateway", "replay", "tools", "bench"];

    [Test]
    public void Every_source_file_declares_at_most_one_public_type_and_is_named_for_it()
    {
        var offenders = SourceFiles()
            .Select(f => (File: Path.GetRelativePath(SharedData.RepositoryRoot, f), Types: PublicTypes(File.ReadAllText(f))))
            .Where(f => f.Types.Count > 1 || (f.Types.Count == 1 && f.Types[0] != Path.GetFileNameWithoutExtension(f.File)))
            .Select(f => $"{f.File}: {string.Join(", ", f.Types)}")
            .ToList();
        Assert.That(offenders, Is.Empty, "a newcomer finds a type by its file name");
    }

    [Test]
    public void The_check_sees_a_second_public_type_and_a_misnamed_file()
    {
        Assert.That(PublicTypes("namespace X;\n\n/// <summary>a</summary>\npublic readonly record struct A(int B);\n\npublic enum C : byte { D }\n"), Is.EqualTo(new[] { "A", "C" }));
        Assert.That(PublicTypes("namespace X;\n\npublic sealed record Ring<T>(T Value) where T : struct\n{\n    public enum Nested { A }\n}\ninternal sealed class Helper;\n"), Is.EqualTo(new[] { "Ring" }));
    }

    /// <summary>Names of the top-level public types: with file-scoped namespaces they are the declarations that start a line.</summary>
    internal static List<string> PublicTypes(string source) => TopLevelPublicType().Matches(source).Select(m => m.Groups["name"].Value).ToList();

    private static IEnumerable<string> SourceFiles() => Roots
        .Select(r => Path.Combine(SharedData.RepositoryRoot, r))
        .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^public\s+(?:(?:static|sealed|abstract|readonly|ref|partial|unsafe)\s+)*(?:record\s+struct|record\s+class|record|class|struct|interface|enum|delegate\s+[\w<>\[\],?. ]+?)\s+(?<name>[A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();
}
