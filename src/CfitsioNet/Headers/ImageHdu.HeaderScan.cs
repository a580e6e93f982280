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

        // A header block's records per call: one mark for 36 reads. A failure answers "possibly present", as finding
        // all three does, so reading on past the record that found the last one changes nothing.
        const int batch = 36;
        bool bzero = false, bscale = false, blank = false;
        byte* cards = stackalloc byte[batch * Cfitsio.CardLength];
        Span<byte> upper = stackalloc byte[Cfitsio.CardLength];
        for (int first = 1; first <= records && !(bzero && bscale && blank); first += batch)
        {
            int count = Math.Min(batch, records - first + 1);
            if (!CfitsioProxy.TryReadRecords(handle, first, count, cards, Expected.Any, operation, default))
            {
                return (true, true, true);
            }

            for (int k = 0; k < count && !(bzero && bscale && blank); k++)
            {
                ReadOnlySpan<byte> text = new ReadOnlySpan<byte>(cards + (k * Cfitsio.CardLength), Cfitsio.CardLength - 1);
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
        }

        return (bzero, bscale, blank);
    }
}
