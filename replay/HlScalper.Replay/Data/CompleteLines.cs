namespace HlScalper.Replay.Data;

/// <summary>Reads a tick file's lines up to damage in its compressed data: what came before is kept, the damage ends the file with a message naming it and the count kept (an error when strict).</summary>
/// <remarks>The line the damage cut never comes out of the <see cref="LineReader"/>, so every line kept is whole.</remarks>
internal sealed class CompleteLines(LineReader lines, string path, Compression compression, bool strict, Action<string> log)
{
    /// <summary>The next whole line; false at the end of the file or at the damage.</summary>
    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        try
        {
            return lines.TryReadLine(out line);
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            var whole = lines.LineNumber;
            var text = $"{path}: {compression} data cut or corrupt after line {whole:N0}: {e.Message}";
            if (strict) throw new TickDataException(text + " (--strict)", e);
            log($"{text} — kept the {whole:N0} complete lines before it");
            line = default;
            return false;
        }
    }
}
