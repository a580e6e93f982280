using System;
using System.CommandLine;
using System.CommandLine.Help;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Commands;

namespace CfitsioNet.Tool;

/// <summary>The <c>fits</c> command: parses the command line (System.CommandLine) and turns every failure into one line and an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("fits: look at FITS files (CfitsioNet on CFITSIO). Exit codes: 0 ok, 1 difference or problem found (diff, check), 2 error.")
        {
            InfoCommand.Create(),
            HeaderCommand.Create(),
            DiffCommand.Create(),
            CheckCommand.Create(),
            StatsCommand.Create(),
            PreviewCommand.Create(),
            TableCommand.Create(),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            Console.Error.WriteLine($"fits: {parsed.Errors[0].Message.ReplaceLineEndings(" ")}");
            Console.Error.WriteLine($"Try 'fits {parsed.CommandResult.Command.Name} --help'.".Replace("fits fits", "fits", StringComparison.Ordinal));
            return ExitCodes.Error;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"fits: {ErrorMessages.OneLine(e)}");
            return ExitCodes.Error;
        }
    }
}
