using System;
using System.CommandLine;
using System.Linq;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Comparing;

namespace CfitsioNet.Tool.Commands;

/// <summary><c>fits diff A B</c>: headers and data compared as fitsdiff does; exit code 1 when they differ.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("A") { Description = "The first FITS file" };
        var second = new Argument<string>("B") { Description = "The second FITS file" };
        var rtol = new Option<double>("--rtol", "-r") { Description = "Relative tolerance for floating-point pixels and header values: differ when |a - b| > atol + rtol * |b| (default 0)" };
        var atol = new Option<double>("--atol", "-a") { Description = "Absolute tolerance (default 0)" };
        var keywords = new Option<string[]>("--ignore-keywords", "-k") { Description = "Comma-separated keywords not to compare (wildcards; repeatable)" };
        var comments = new Option<string[]>("--ignore-comments", "-c") { Description = "Comma-separated keywords whose comments are not compared (wildcards; repeatable)" };
        var numdiffs = new Option<int>("--num-diffs", "-n") { Description = "How many differing pixels to list per HDU (default 10)", DefaultValueFactory = _ => 10 };
        var noIgnoreBlanks = new Option<bool>("--no-ignore-blanks", "-b") { Description = "Trailing blanks in string values are significant" };
        var noIgnoreBlankCards = new Option<bool>("--no-ignore-blank-cards") { Description = "Blank cards are compared too" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; only the exit code tells" };
        var command = new Command("diff", "Compare two FITS files' headers and data (exit code 0: identical, 1: different)")
        {
            first, second, rtol, atol, keywords, comments, numdiffs, noIgnoreBlanks, noIgnoreBlankCards, quiet,
        };
        command.SetAction(result =>
        {
            double r = result.GetValue(rtol), a = result.GetValue(atol);
            if (r < 0 || a < 0 || double.IsNaN(r) || double.IsNaN(a))
            {
                throw new ToolException("--rtol and --atol must be 0 or more");
            }

            var options = new DiffOptions(r, a, Patterns(result.GetValue(keywords)), Patterns(result.GetValue(comments)),
                !result.GetValue(noIgnoreBlanks), !result.GetValue(noIgnoreBlankCards), Math.Max(0, result.GetValue(numdiffs)));
            using FitsFile x = FitsInput.Open(result.GetRequiredValue(first));
            using FitsFile y = FitsInput.Open(result.GetRequiredValue(second));
            DiffReport report = FitsComparer.Compare(x, y, options);
            if (!result.GetValue(quiet))
            {
                report.WriteTo(Console.Out);
            }

            return report.Different ? ExitCodes.Found : ExitCodes.Success;
        });
        return command;
    }

    private static KeywordPattern[] Patterns(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(k => new KeywordPattern(k)).ToArray();
}
