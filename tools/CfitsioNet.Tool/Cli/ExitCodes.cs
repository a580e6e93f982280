namespace CfitsioNet.Tool.Cli;

/// <summary>The tool's exit codes, the same for every command (docs/tool.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; <c>diff</c> found no difference, <c>check</c> no problem.</summary>
    public const int Success = 0;

    /// <summary><c>diff</c>: the files differ. <c>check</c>: a checksum does not match or CFITSIO cannot read part of a file.</summary>
    public const int Found = 1;

    /// <summary>The command could not run: bad usage, a missing file, a file that is not FITS, a bad extension or keyword.</summary>
    public const int Error = 2;
}
