using System.Collections.Generic;
using System.Globalization;

namespace CfitsioNet.Tool.Cli;

/// <summary>One line of <c>fits info</c>: what astropy's fitsinfo lists for an HDU, plus its compression.</summary>
/// <param name="Index">0-based HDU index.</param>
/// <param name="Name">EXTNAME (PRIMARY for an unnamed primary HDU).</param>
/// <param name="Version">EXTVER (1 when absent).</param>
/// <param name="Kind">Image, BinaryTable or AsciiTable.</param>
/// <param name="Cards">Header records, END excluded (for a tile-compressed image: its binary table's header).</param>
/// <param name="Dimensions">Images: axis lengths in FITS order, <c>(NAXIS1, NAXIS2, ...)</c>; tables: <c>rowsR x columnsC</c>.</param>
/// <param name="Format">Images: numpy type and rescaling; tables: the TFORMn values.</param>
/// <param name="Compression">ZCMPTYPE of a tile-compressed image, else empty.</param>
internal sealed record HduSummary(int Index, string Name, int Version, HduKind Kind, int Cards, string Dimensions, string Format, string Compression)
{
    /// <summary>Describes <paramref name="hdu"/> from its header (and, for images, CFITSIO's image parameters).</summary>
    public static HduSummary Of(Hdu hdu)
    {
        Header header = hdu is ImageHdu stored ? stored.StoredHeader : hdu.Header; // fitsinfo counts the stored cards
        string name = FitsInput.DisplayName(hdu);
        if (hdu is ImageHdu image)
        {
            ImageInfo info = image.Info;
            // Random groups: fitsinfo gives each group's array (NAXIS2 ...), without NAXIS1 = 0.
            IReadOnlyList<long> shape = info.IsRandomGroups ? [.. System.Linq.Enumerable.SkipLast(info.Shape, 1)] : info.Shape;
            return new HduSummary(hdu.Index, name, hdu.Version, hdu.Kind, header.Count, TypeNames.Dimensions(shape),
                TypeNames.Format(info), info.Compression ?? string.Empty);
        }

        // Until the table reader lands (issue 13), tables are described from their header keywords.
        long rows = header.TryGet("NAXIS2", out long r) ? r : 0;
        int columns = header.TryGet("TFIELDS", out int c) ? c : 0;
        var formats = new List<string>();
        for (int i = 1; i <= columns; i++)
        {
            formats.Add(header.GetStringOrNull("TFORM" + i.ToString(CultureInfo.InvariantCulture))?.Trim() ?? "?");
        }

        return new HduSummary(hdu.Index, name, hdu.Version, hdu.Kind, header.Count,
            string.Create(CultureInfo.InvariantCulture, $"{rows}R x {columns}C"), "[" + string.Join(", ", formats) + "]", string.Empty);
    }
}
