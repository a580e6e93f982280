using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using CfitsioNet.Tool.Checking;
using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Commands;

/// <summary>
/// <c>fits check FILE...</c>: CFITSIO's structural checks and the checksums of every HDU. Exit code 0: no problem;
/// 1: a checksum does not match (or is missing, with --require-checksums) or CFITSIO cannot read part of a file;
/// 2: a file could not be checked at all (missing, a directory) or bad usage.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "FITS files", Arity = ArgumentArity.OneOrMore };
        var require = new Option<bool>("--require-checksums") { Description = "Missing DATASUM or CHECKSUM keywords count as problems" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the files with problems, and no progress" };
        var command = new Command("check", "Check files: CFITSIO reads every header and data unit, then DATASUM/CHECKSUM are verified") { files, require, quiet };
        command.SetAction(result => Run(result.GetRequiredValue(files), result.GetValue(require), result.GetValue(quiet)));
        return command;
    }

    private static int Run(string[] paths, bool requireChecksums, bool quiet)
    {
        var progress = new Progress(paths.Length, quiet);
        int problems = 0, unreadable = 0;
        foreach (string path in paths)
        {
            progress.Next(path);
            List<HduCheck> hdus;
            string? fileProblem;
            List<string> warnings;
            try
            {
                (hdus, fileProblem, warnings) = FileChecker.Check(path);
            }
            catch (ToolException e)
            {
                Console.Error.WriteLine($"fits: {e.Message}");
                unreadable++;
                continue;
            }

            int found = fileProblem is null ? 0 : 1;
            var lines = new List<string>();
            foreach (HduCheck hdu in hdus)
            {
                bool bad = !hdu.StructureOk || hdu.Checksums is { IsCorrupt: true }
                    || (requireChecksums && hdu.Checksums is { } c && (c.Datasum == ChecksumStatus.Missing || c.Checksum == ChecksumStatus.Missing));
                found += bad ? 1 : 0;
                string sums = hdu.Checksums is { } r ? $"DATASUM {Verdict(r.Datasum)}  CHECKSUM {Verdict(r.Checksum)}" : string.Empty;
                lines.Add($"  HDU {hdu.Index,-3} {hdu.Name,-12} {hdu.Kind,-11} {(bad ? "PROBLEM" : "ok"),-7}  {(hdu.StructureOk ? sums : hdu.Structure)}".TrimEnd());
            }

            problems += found > 0 ? 1 : 0;
            if (quiet && found == 0)
            {
                continue;
            }

            Console.WriteLine(fileProblem is not null ? $"{path}: PROBLEM: {fileProblem}" : found > 0 ? $"{path}: {found} problem(s)" : $"{path}: ok");
            foreach (string line in lines)
            {
                Console.WriteLine(line);
            }

            foreach (string warning in warnings)
            {
                Console.WriteLine($"  warning: {warning}");
            }
        }

        if (paths.Length > 1 && !quiet)
        {
            Console.WriteLine($"{paths.Length} files: {paths.Length - problems - unreadable} ok, {problems} with problems" + (unreadable > 0 ? $", {unreadable} not checked" : string.Empty));
        }

        return unreadable > 0 ? ExitCodes.Error : problems > 0 ? ExitCodes.Found : ExitCodes.Success;
    }

    private static string Verdict(ChecksumStatus status) => status switch
    {
        ChecksumStatus.Valid => "valid",
        ChecksumStatus.Missing => "missing",
        _ => "INVALID",
    };
}
