using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>
/// The lenient open (<see cref="FitsOpenOptions.Lenient"/>): headers whose mandatory keywords are all there, once each,
/// but out of the standard's order (NAXIS before BITPIX, which CFITSIO refuses with status 222) are repaired in a
/// temporary copy, never in the user's file, and the repairs are listed in <see cref="Repairs"/>.
/// </summary>
public sealed partial class FitsFile
{
    private const int MaxRepairHeaderBlocks = 1 << 14;
    private const int MaxRepairHdus = 100_000;

    private string? _repairedCopy;

    /// <summary>
    /// What a lenient open (<see cref="FitsOpenOptions.Lenient"/>) repaired, one message per header, e.g.
    /// <c>HDU 0: mandatory keywords reordered to SIMPLE, BITPIX, NAXIS, NAXIS1, NAXIS2 (the file has NAXIS, BITPIX, ...)</c>.
    /// Empty when nothing needed repair, and always for a strict open.
    /// </summary>
    public IReadOnlyList<string> Repairs { get; private set; } = [];

    /// <summary>
    /// Opens <paramref name="path"/> leniently: repairs what can be repaired safely in a temporary copy, opens that
    /// copy (<see cref="FileName"/> then names it; it is deleted on <see cref="Dispose"/>) and records the repairs.
    /// </summary>
    private static FitsFile OpenLenient(string path, FitsOpenOptions options)
    {
        string fullPath = SafeFileName.Resolve(path, "open", out _);
        List<(long Offset, byte[] Header)> patches;
        var repairs = new List<string>();
        try
        {
            patches = PlanRepairs(fullPath, repairs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            patches = []; // the strict open reads the file and reports
        }

        if (patches.Count == 0)
        {
            return OpenPlainCore(path, options);
        }

        string copy = Path.Combine(Path.GetTempPath(), $"cfitsionet-lenient-{Guid.NewGuid():N}{Path.GetExtension(fullPath)}");
        try
        {
            File.Copy(fullPath, copy);
            using (var stream = new FileStream(copy, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                foreach ((long offset, byte[] header) in patches)
                {
                    stream.Position = offset;
                    stream.Write(header);
                }
            }

            FitsFile file = OpenPlainCore(copy, options);
            file._repairedCopy = copy;
            repairs.Add($"The repairs are in a temporary copy, '{copy}' (deleted when the file is disposed); '{fullPath}' is unchanged.");
            file.Repairs = repairs.AsReadOnly();
            return file;
        }
        catch
        {
            DeleteRepairedCopy(copy);
            throw;
        }
    }

    private static void DeleteRepairedCopy(string? copy)
    {
        if (copy is null)
        {
            return;
        }

        try
        {
            File.Delete(copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: it is in the temporary folder.
        }
    }

    /// <summary>
    /// Walks every header of the file and returns, for each one whose mandatory keywords are out of order, its offset
    /// and the header with those cards moved to the front (the others keep their order, so the header's size and every
    /// data offset stay the same). Stops quietly at anything it cannot follow: the open then reports it.
    /// </summary>
    private static List<(long Offset, byte[] Header)> PlanRepairs(string fullPath, List<string> repairs)
    {
        var patches = new List<(long, byte[])>();
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long position = 0;
        for (int hdu = 0; hdu < MaxRepairHdus && position < stream.Length; hdu++)
        {
            byte[]? header = ReadHeaderBlocks(stream, position);
            if (header is null)
            {
                break;
            }

            List<string> cards = SplitCards(header);
            byte[]? repaired = Reorder(cards, hdu, repairs);
            if (repaired is not null)
            {
                patches.Add((position, repaired));
            }

            long? data = DataBytes(cards, hdu);
            if (data is null || data.Value > long.MaxValue - header.Length - FitsBlock.Bytes)
            {
                break;
            }

            position += header.Length + FitsBlock.Padded(data.Value);
        }

        return patches;
    }

    /// <summary>The header's blocks from <paramref name="start"/> up to the one with END, or null when there is none.</summary>
    private static byte[]? ReadHeaderBlocks(FileStream stream, long start)
    {
        var header = new MemoryStream();
        var block = new byte[FitsBlock.Bytes];
        stream.Position = start;
        for (int b = 0; b < MaxRepairHeaderBlocks; b++)
        {
            if (stream.ReadAtLeast(block, FitsBlock.Bytes, throwOnEndOfStream: false) < FitsBlock.Bytes)
            {
                return null;
            }

            header.Write(block);
            for (int c = 0; c < FitsBlock.Bytes; c += FitsBlock.CardBytes)
            {
                if (block.AsSpan(c, 3).SequenceEqual("END"u8) && block.AsSpan(c + 3, FitsBlock.CardBytes - 3).IndexOfAnyExcept((byte)' ') < 0)
                {
                    return header.ToArray();
                }
            }
        }

        return null;
    }

    private static List<string> SplitCards(byte[] header)
    {
        var cards = new List<string>(header.Length / FitsBlock.CardBytes);
        for (int c = 0; c < header.Length; c += FitsBlock.CardBytes)
        {
            cards.Add(Encoding.Latin1.GetString(header, c, FitsBlock.CardBytes));
        }

        return cards;
    }

    private static string KeywordOf(string card) => card.Substring(0, 8).TrimEnd(' ');

    /// <summary>The first card with <paramref name="keyword"/> and a value indicator, and how many such cards there are.</summary>
    private static int FindCard(List<string> cards, string keyword, out int occurrences)
    {
        int first = -1;
        occurrences = 0;
        for (int i = 0; i < cards.Count; i++)
        {
            if (KeywordOf(cards[i]) == keyword && cards[i].Length > 9 && cards[i][8] == '=')
            {
                occurrences++;
                first = first < 0 ? i : first;
            }
        }

        return first;
    }

    private static long? IntegerValue(List<string> cards, string keyword)
    {
        int index = FindCard(cards, keyword, out _);
        if (index < 0)
        {
            return null;
        }

        string value = cards[index].Substring(10);
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        return long.TryParse(slash < 0 ? value : value[..slash], NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
    }

    /// <summary>The repaired header when the mandatory cards are all there once each but out of order; null otherwise.</summary>
    private static byte[]? Reorder(List<string> cards, int hdu, List<string> repairs)
    {
        string first = hdu == 0 ? "SIMPLE" : "XTENSION";
        if (IntegerValue(cards, "NAXIS") is not long naxis || naxis is < 0 or > 999)
        {
            return null;
        }

        var required = new List<string> { first, "BITPIX", "NAXIS" };
        for (int i = 1; i <= naxis; i++)
        {
            required.Add($"NAXIS{i}");
        }

        if (hdu > 0)
        {
            required.Add("PCOUNT");
            required.Add("GCOUNT");
        }

        bool inOrder = true;
        var indices = new List<int>(required.Count);
        for (int k = 0; k < required.Count; k++)
        {
            int index = FindCard(cards, required[k], out int occurrences);
            if (index < 0 || occurrences != 1)
            {
                return null; // missing or ambiguous: nothing safe to do
            }

            indices.Add(index);
            inOrder &= index == k;
        }

        if (inOrder)
        {
            return null;
        }

        var reordered = new List<string>(cards.Count);
        foreach (int index in indices)
        {
            reordered.Add(cards[index]);
        }

        for (int i = 0; i < cards.Count; i++)
        {
            if (!indices.Contains(i))
            {
                reordered.Add(cards[i]);
            }
        }

        var had = new List<string>(required.Count);
        for (int i = 0; i < required.Count; i++)
        {
            had.Add(KeywordOf(cards[i]));
        }

        repairs.Add($"HDU {hdu}: mandatory keywords reordered to {string.Join(", ", required)} (the file has {string.Join(", ", had)}).");
        return Encoding.Latin1.GetBytes(string.Concat(reordered));
    }

    /// <summary>Bytes of the data unit the header describes (without padding), or null when its size keywords do not parse.</summary>
    private static long? DataBytes(List<string> cards, int hdu)
    {
        if (IntegerValue(cards, "BITPIX") is not (8 or 16 or 32 or 64 or -32 or -64) || IntegerValue(cards, "NAXIS") is not long naxis || naxis is < 0 or > 999)
        {
            return null;
        }

        long bitpix = IntegerValue(cards, "BITPIX")!.Value;
        bool groups = hdu == 0 && naxis > 0 && IntegerValue(cards, "NAXIS1") == 0 && FindCard(cards, "GROUPS", out _) >= 0;
        long pcount = hdu > 0 || groups ? IntegerValue(cards, "PCOUNT") ?? 0 : 0;
        long gcount = hdu > 0 || groups ? IntegerValue(cards, "GCOUNT") ?? 1 : 1;
        long product = naxis == 0 ? 0 : 1;
        for (int i = groups ? 2 : 1; i <= naxis; i++)
        {
            if (IntegerValue(cards, $"NAXIS{i}") is not long axis || axis < 0 || (axis != 0 && product > long.MaxValue / axis))
            {
                return null;
            }

            product *= axis;
        }

        if (pcount < 0 || gcount < 0)
        {
            return null;
        }

        try
        {
            return checked(Math.Abs(bitpix) / 8 * gcount * (pcount + product));
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
