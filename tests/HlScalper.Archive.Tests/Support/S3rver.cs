using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;

namespace HlScalper.Archive.Tests.Support;

/// <summary>
/// A real S3-compatible server (the npm package <c>s3rver</c>, installed by <c>.ci/run</c> into <c>.tools/s3rver</c>)
/// on a free loopback port, with both archive buckets, its own data directory, and a client to upload objects.
/// Killed by its pid on dispose. Tests that need it are ignored with the reason where it is not installed.
/// </summary>
public sealed partial class S3rver : IDisposable
{
    /// <summary>The credentials s3rver accepts (its built-in account); anything else gets 403.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;

    private S3rver(Process process, string directory, Uri endpoint)
    {
        _process = process;
        Directory = directory;
        Endpoint = endpoint;
        Client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    /// <summary>Where s3rver keeps the objects (<c>&lt;bucket&gt;/&lt;key&gt;._S3rver_object</c>).</summary>
    public string Directory { get; }

    public Uri Endpoint { get; }

    public IAmazonS3 Client { get; }

    public static string Script => Path.Combine(SharedData.RepositoryRoot, ".tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");

    public static async Task<S3rver> StartAsync()
    {
        if (!File.Exists(Script))
            Assert.Ignore($"s3rver is not installed ({Script}): run .ci/run, or npm install --prefix .tools/s3rver s3rver@3.7.1");
        var directory = System.IO.Directory.CreateTempSubdirectory("s3rver-").FullName;
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Script, "-d", directory, "-a", "127.0.0.1", "-p", "0", "-s", "--configure-bucket", ArchiveKind.MarketBucket, "--configure-bucket", ArchiveKind.NodeBucket })
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Ignore($"s3rver is installed but node cannot be started ({e.Message})");
            throw;
        }
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => Seen(e.Data);
        process.ErrorDataReceived += (_, e) => Seen(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited: {string.Join('\n', output)}"));
        try
        {
            var endpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new S3rver(process, directory, endpoint);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }

        void Seen(string? line)
        {
            if (line is null) return;
            lock (output) output.Add(line);
            if (Listening().Match(line) is { Success: true } m) listening.TrySetResult(new Uri($"http://127.0.0.1:{m.Groups[1].Value}"));
        }
    }

    /// <summary>Stores an object with a plain PUT (s3rver takes unsigned writes; the SDK's chunked upload encoding is one it does not decode).</summary>
    public async Task PutAsync(string bucket, string key, byte[] content)
    {
        using var response = await Http.PutAsync(new Uri(Endpoint, $"/{bucket}/{key}"), new ByteArrayContent(content));
        response.EnsureSuccessStatusCode();
    }

    private static readonly HttpClient Http = new();

    /// <summary>The file holding an object's bytes on s3rver's disk: changing it corrupts the object behind s3rver's back (its ETag stays the MD5 of the upload).</summary>
    public string ObjectFile(string bucket, string key) => Path.Combine(Directory, bucket, key + "._S3rver_object");

    /// <summary>The environment a child <c>hlscalper</c> needs to reach this server: credentials for the SDK's standard chain, and no instance-metadata look-up.</summary>
    public static Dictionary<string, string> Environment(string accessKey = AccessKey, string secretKey = SecretKey) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secretKey,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = "us-east-1",
    };

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // s3rver may still be closing a file; the temp directory is left behind.
        }
    }

    [GeneratedRegex(@"S3rver listening on [\d.]+:(\d+)")]
    private static partial Regex Listening();
}
