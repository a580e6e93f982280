using System;

namespace CfitsioNet.Tool.Cli;

/// <summary>
/// Progress over many files, one line per file on standard error, so that standard output holds only the result
/// (and can be piped). Silent for a single file or with --quiet.
/// </summary>
internal sealed class Progress(int total, bool quiet)
{
    private readonly bool _active = total > 1 && !quiet;
    private int _done;

    /// <summary>Reports that work on <paramref name="file"/> starts.</summary>
    public void Next(string file)
    {
        if (_active)
        {
            _done++;
            Console.Error.WriteLine($"[{_done}/{total}] {file}");
        }
    }
}
