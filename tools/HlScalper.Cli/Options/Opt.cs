using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace HlScalper.Cli.Options;

/// <summary>Typed options whose bad values are reported in a trader's words ("--threads 'x' is not a whole number"), not .NET's.</summary>
internal static class Opt
{
    public static Option<T> Number<T>(string name, string description, T fallback, params string[] aliases) where T : struct, INumber<T> =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r => r.Tokens.Count == 0 ? fallback : ParseNumber<T>(r, name) ?? fallback,
        };

    /// <summary>A number without a default: null when not given.</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, params string[] aliases) where T : struct, INumber<T> =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = r => r.Tokens.Count == 0 ? null : ParseNumber<T>(r, name),
        };

    public static Option<string> Text(string name, string description, string fallback, params string[] aliases) =>
        new(name, aliases) { Description = description, DefaultValueFactory = _ => fallback };

    public static Option<string?> OptionalText(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    public static Option<string> Choice(string name, string description, string fallback, params string[] choices)
    {
        var option = Text(name, description, fallback);
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    /// <summary>A repeatable option (<c>--set a=1 --set b=2</c>); one value per occurrence, so a following file name is never swallowed.</summary>
    public static Option<string[]> Many(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };

    /// <summary>Adds a check that runs after parsing; a failure is a usage error naming the option.</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, bool> ok, string message)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 0) return;
            try
            {
                if (!ok(r.GetValueOrDefault<T>())) r.AddError(message);
            }
            catch (InvalidOperationException)
            {
                // The value did not parse: the parser's own error already says so.
            }
        });
        return option;
    }

    private static T? ParseNumber<T>(ArgumentResult r, string name) where T : struct, INumber<T>
    {
        var text = r.Tokens[^1].Value;
        var integral = typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong);
        if (T.TryParse(text, integral ? NumberStyles.Integer : NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && (integral || double.IsFinite(double.CreateChecked(value))))
            return value;
        r.AddError($"{name} '{text}' is not {(integral ? "a whole number" : "a number")}");
        return null;
    }
}
