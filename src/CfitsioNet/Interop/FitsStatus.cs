using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>The one place that turns a CFITSIO status into a <see cref="FitsException"/>.</summary>
internal static unsafe class FitsStatus
{
    /// <summary>
    /// Throws when <paramref name="status"/> is non-zero. Call it right after the failing call and under the same
    /// lock, because CFITSIO's message stack is shared by the whole process.
    /// </summary>
    internal static void Check(int status, string operation, string? fileName, int? hduIndex = null)
    {
        if (status != 0)
        {
            throw Create(status, operation, fileName, hduIndex);
        }
    }

    /// <summary>
    /// The HDU an open's failure is about: once CFITSIO has the file, end of file, a read error and keyword errors
    /// (2xx) concern its primary header (HDU 0); anything else is about the file itself (null).
    /// </summary>
    internal static int? OpenFailureHdu(int status) =>
        status is Cfitsio.EndOfFile or Cfitsio.ReadError or (>= Cfitsio.FirstKeywordError and <= Cfitsio.LastKeywordError) ? 0 : null;

    /// <summary>
    /// Process-wide lock around reading CFITSIO's shared message stack, also held across every open, so two
    /// failures never split or swap each other's messages. See docs/reliability.md for the exact guarantee.
    /// </summary>
    internal static readonly object ErrorStackLock = new();

    internal static FitsException Create(int status, string operation, string? fileName, int? hduIndex = null)
    {
        IReadOnlyList<string> messages;
        lock (ErrorStackLock)
        {
            messages = DrainMessages();
        }

        return new(status, StatusText(status), messages, fileName, operation, hduIndex);
    }

    internal static string StatusText(int status)
    {
        byte* text = stackalloc byte[Cfitsio.StatusTextLength + 1];
        text[0] = 0;
        Cfitsio.GetStatusText(status, text);
        return Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
    }

    /// <summary>Pops every message off CFITSIO's stack, oldest first.</summary>
    internal static IReadOnlyList<string> DrainMessages()
    {
        var messages = new List<string>();
        byte* message = stackalloc byte[Cfitsio.ErrorMessageLength + 1];
        // Bounded: CFITSIO keeps at most 25 messages, and a corrupt stack must not hang us.
        for (int i = 0; i < 64 && Cfitsio.PopErrorMessage(message) != 0; i++)
        {
            string? text = Marshal.PtrToStringUTF8((IntPtr)message)?.TrimEnd();
            if (!string.IsNullOrEmpty(text))
            {
                messages.Add(text);
            }
        }

        return messages;
    }
}
