using System;
using System.Collections.Generic;
using System.IO;

namespace CfitsioNet.Tool.Cli;

/// <summary>Turns an exception into the one line the user sees: never a stack trace.</summary>
internal static class ErrorMessages
{
    /// <summary>The exceptions that describe bad input rather than a bug in the tool.</summary>
    public static bool IsExpected(Exception e) => e is ToolException or FitsException or IOException or UnauthorizedAccessException
        or ArgumentException or KeyNotFoundException or InvalidOperationException or InvalidCastException
        or FormatException or OverflowException or NotSupportedException or DllNotFoundException;

    /// <summary>One line: the message without line breaks; unexpected exceptions also name their type.</summary>
    public static string OneLine(Exception e)
    {
        string message = e switch
        {
            FileNotFoundException missing when missing.FileName is not null => $"{missing.FileName}: no such file",
            DirectoryNotFoundException => $"no such directory: {e.Message}",
            _ => e.Message,
        };
        if (!IsExpected(e))
        {
            message = $"internal error ({e.GetType().Name}): {message}";
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
