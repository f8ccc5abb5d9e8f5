using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Numbers;

namespace HlScalper.Bench.Numbers;

/// <summary>Parsing real wire decimals straight from UTF-8 into fixed-point, beside the string → decimal route.</summary>
[Config(typeof(BenchConfig))]
public class PxParseBenchmarks
{
    private static readonly byte[][] Inputs = new[] { "42727.0", "0.02265", "3.0", "109755.0", "0.00341", "3350.15" }.Select(Encoding.ASCII.GetBytes).ToArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = 6)]
    public long Fixed8_from_utf8()
    {
        long sum = 0;
        foreach (var input in Inputs) sum += Fixed8.Parse(input);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 6)]
    public decimal Decimal_via_string()
    {
        decimal sum = 0;
        foreach (var input in Inputs) sum += decimal.Parse(Encoding.ASCII.GetString(input), CultureInfo.InvariantCulture);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 6)]
    public int Format_canonical()
    {
        Span<byte> buffer = stackalloc byte[Fixed8.MaxFormattedLength];
        var n = 0;
        foreach (var input in Inputs) n += Fixed8.Format(4_272_700_000_000L + input.Length, buffer);
        return n;
    }
}
