namespace CfitsioNet.Interop;

/// <summary>
/// What a failing CFITSIO call's <see cref="FitsException"/> names besides the operation: the file and the HDU
/// (0-based; null when the failure is about the file itself).
/// </summary>
internal readonly record struct CallContext(string? FileName, int? Hdu = null);

/// <summary>
/// Checked CFITSIO calls: one wrapper per entry point the library uses outside Interop, in one partial per CFITSIO
/// area (the same areas as the <c>Cfitsio.*.cs</c> declarations). A wrapper declares the status, makes the call and
/// turns a non-zero status into a <see cref="FitsException"/> through <see cref="FitsStatus"/> with the caller's
/// operation text, file name and HDU, so nothing outside Interop handles a status. Where a status is expected
/// (keyword or column not found, no HDU there), a <c>Try…</c> wrapper marks CFITSIO's message stack, makes the call,
/// clears back to the mark when the status is one it expects and returns false; any other status still throws.
/// Call every wrapper under the owning file's lock, as the raw calls (CFITSIO's message stack is process-wide).
/// </summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>
    /// Ends a <c>Try…</c> call begun with <see cref="Cfitsio.MarkErrorMessages"/>: true for status 0, false (after
    /// removing the messages pushed since the mark) when <paramref name="status"/> is <paramref name="expected"/> or
    /// <paramref name="alsoExpected"/>; any other status throws with the messages still on the stack.
    /// </summary>
    private static bool EndTry(int status, int expected, int alsoExpected, string operation, CallContext at)
    {
        if (status == 0)
        {
            Cfitsio.ClearErrorMessagesToMark();
            return true;
        }

        if (status == expected || status == alsoExpected)
        {
            Cfitsio.ClearErrorMessagesToMark();
            return false;
        }

        throw FitsStatus.Create(status, operation, at.FileName, at.Hdu);
    }
}
