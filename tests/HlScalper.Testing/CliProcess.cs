using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace HlScalper.Testing;

/// <summary>An <c>hlscalper</c> child process: its output collected line by line, signals sent to its own pid, and killed by that pid on dispose so no test leaves a process behind.</summary>
public sealed partial class CliProcess : IDisposable
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;
    // Completed (and replaced) whenever a line arrives or an output stream ends, so a waiter wakes on the event, not on a timer.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private CliProcess(string name, Process process)
    {
        _name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data, "");
        process.ErrorDataReceived += (_, e) => Add(e.Data, "! ");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>hlscalper</c> (the build beside the test assembly) with these arguments and extra environment.</summary>
    public static CliProcess Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hlscalper.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("HL_PK");
        if (environment is not null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new CliProcess(name, process);
    }

    /// <summary>Every line printed so far (stderr lines start with "! "), for assertions and failure messages.</summary>
    public string[] Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Waits for a line matching <paramref name="pattern"/> after line <paramref name="from"/>; fails with the output so far if it never comes or the process exits first.</summary>
    public async Task<Match> WaitForLine(Regex pattern, TimeSpan timeout, int from = 0)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var scanned = from;
        while (true)
        {
            string[] fresh;
            Task changed;
            bool ended;
            lock (_lines)
            {
                fresh = [.. _lines.Skip(scanned)];
                changed = _changed.Task;
                ended = _openStreams == 0;
            }
            foreach (var line in fresh)
            {
                var match = pattern.Match(line);
                if (match.Success) return match;
            }
            scanned += fresh.Length;
            if (ended)
            {
                _process.WaitForExit();
                Assert.Fail($"{_name} exited with {_process.ExitCode} before printing /{pattern}/:\n{Tail()}");
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            try
            {
                await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{_name} did not print /{pattern}/ within {timeout.TotalSeconds} s:\n{Tail()}");
            }
        }
    }

    /// <summary>The lines matching <paramref name="pattern"/> so far.</summary>
    public IEnumerable<string> LinesMatching(Regex pattern) => Lines.Where(l => pattern.IsMatch(l));

    /// <summary>Sends a POSIX signal to this process only.</summary>
    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails (and kills it) if it does not exit in time.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"{_name} did not exit within {timeout.TotalSeconds} s:\n{Tail()}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int count = 60)
    {
        var lines = Lines;
        var text = new StringBuilder();
        foreach (var line in lines.Skip(Math.Max(0, lines.Length - count))) text.Append(_name).Append("> ").AppendLine(line);
        return text.ToString();
    }

    /// <param name="line">Null when the stream has ended (the process closed it, or exited).</param>
    private void Add(string? line, string prefix)
    {
        TaskCompletionSource changed;
        lock (_lines)
        {
            if (line is null) _openStreams--;
            else _lines.Add(prefix + line);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    private void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
