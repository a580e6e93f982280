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
    /// Ends a <c>Try…</c> call begun with <see cref="Cfitsio.MarkErrorMessages"/>: true for status 0, false when
    /// <paramref name="expected"/> contains the status; either way the messages pushed since the mark are removed (and
    /// only those: older messages, another call's, stay). Any other status throws with its messages.
    /// </summary>
    internal static bool EndTry(int status, Expected expected, string operation, CallContext at)
    {
        if (status != 0 && !expected.Contains(status))
        {
            throw FitsStatus.Create(status, operation, at.FileName, at.Hdu);
        }

        Cfitsio.ClearErrorMessagesToMark();
        return status == 0;
    }

    /// <summary>
    /// Throws the <see cref="FitsException"/> for a status the library reached itself on CFITSIO's terms (a layout check
    /// CFITSIO would fail the same way, a tile the quantizer refused); does nothing for 0.
    /// </summary>
    internal static void ThrowIfFailed(int status, string operation, CallContext at)
    {
        if (status != 0)
        {
            throw FitsStatus.Create(status, operation, at.FileName, at.Hdu);
        }
    }
}

/// <summary>
/// The non-zero statuses a <c>Try…</c> wrapper answers with false instead of throwing: one or two codes (an
/// <see cref="int"/> converts), <see cref="Any"/> for a probe where every failure means "no", or <see cref="None"/> for
/// a call that only drops the messages CFITSIO pushes on success.
/// </summary>
internal readonly struct Expected
{
    private const int AnyStatus = int.MinValue;
    private readonly int _first;
    private readonly int _second;

    /// <summary>Expects <paramref name="first"/> and, when non-zero, <paramref name="second"/>.</summary>
    internal Expected(int first, int second = 0)
    {
        _first = first;
        _second = second;
    }

    /// <summary>Every non-zero status is expected.</summary>
    internal static Expected Any => new(AnyStatus);

    /// <summary>No status is expected: the call must succeed.</summary>
    internal static Expected None => default;

    /// <summary>Expects one status code.</summary>
    public static implicit operator Expected(int status) => new(status);

    /// <summary>True when <paramref name="status"/> (non-zero) is expected.</summary>
    internal bool Contains(int status) =>
        status != 0 && (_first == AnyStatus || status == _first || status == _second);
}
