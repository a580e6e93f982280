using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>A cheaper way to learn that BZERO, BSCALE and BLANK are absent, the usual case.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Which of BZERO, BSCALE and BLANK the current header could hold: one pass over its records (<c>ffgrec</c>) instead
    /// of a full header parse or three keyword searches that each read the whole header when the keyword is missing.
    /// Conservative: a keyword counts as possibly present when its name appears anywhere in any record, in any case, so
    /// CFITSIO (its header parse for uncompressed images, its lookups for compressed ones) still decides every case
    /// where it might find it. Any failure is an answer too (every name possibly present), so the calls are probes that
    /// leave no message behind. Call under the lock, with the HDU current.
    /// </summary>
    private static unsafe (bool Bzero, bool Bscale, bool Blank) FindScalingKeywords(FitsHandle handle)
    {
        const int maximumRecords = 10_000;
        const string operation = "scan the header";
        if (!CfitsioProxy.TryGetHeaderSpace(handle, out int records, out _, Expected.Any, operation, default) || records < 0 || records > maximumRecords)
        {
            return (true, true, true);
        }

        bool bzero = false, bscale = false, blank = false;
        byte* card = stackalloc byte[Cfitsio.CardLength];
        Span<byte> upper = stackalloc byte[Cfitsio.CardLength];
        for (int record = 1; record <= records && !(bzero && bscale && blank); record++)
        {
            card[0] = 0;
            if (!CfitsioProxy.TryReadRecord(handle, record, card, Expected.Any, operation, default))
            {
                return (true, true, true);
            }

            ReadOnlySpan<byte> text = new ReadOnlySpan<byte>(card, Cfitsio.CardLength - 1);
            int end = text.IndexOf((byte)0);
            text = end < 0 ? text : text[..end];
            for (int i = 0; i < text.Length; i++)
            {
                byte c = text[i];
                upper[i] = c is >= (byte)'a' and <= (byte)'z' ? (byte)(c - 32) : c;
            }

            ReadOnlySpan<byte> name = upper[..text.Length];
            bzero |= name.IndexOf("BZERO"u8) >= 0;
            bscale |= name.IndexOf("BSCALE"u8) >= 0;
            blank |= name.IndexOf("BLANK"u8) >= 0;
        }

        return (bzero, bscale, blank);
    }
}
