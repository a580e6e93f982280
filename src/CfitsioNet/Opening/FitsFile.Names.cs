using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Looking HDUs up by name (EXTNAME or HDUNAME) and version (EXTVER).</summary>
public sealed partial class FitsFile
{
    private const int MaxNamesInMessage = 50;

    /// <summary>
    /// The first HDU named <paramref name="name"/>, whatever its version: its EXTNAME (or HDUNAME) equals the name,
    /// case-insensitively and ignoring trailing blanks, as CFITSIO's <c>ffmnhd</c> compares them. <c>"PRIMARY"</c> finds the
    /// primary HDU when no HDU has that name. A tile-compressed image is found by its own name, the EXTNAME of its image
    /// header (see <see cref="Hdu.Name"/>), even where the stored table header names the container first.
    /// </summary>
    /// <param name="name">The extension name, e.g. <c>SCI</c>.</param>
    /// <returns>An <see cref="ImageHdu"/> for images, an <see cref="Hdu"/> for tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    /// <exception cref="KeyNotFoundException">No HDU has that name; the message lists the names the file has.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the file's headers.</exception>
    public Hdu this[string name] => Find(name, 0);

    /// <summary>The HDU named <paramref name="name"/> whose EXTVER is <paramref name="version"/> (an HDU without EXTVER has version 1).</summary>
    /// <param name="name">The extension name, case-insensitive.</param>
    /// <param name="version">The EXTVER value, 1 or more.</param>
    /// <returns>An <see cref="ImageHdu"/> for images, an <see cref="Hdu"/> for tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="KeyNotFoundException">No HDU has that name and version; the message lists those the file has.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the file's headers.</exception>
    public Hdu this[string name, int version]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
            return Find(name, version);
        }
    }

    /// <summary>Looks up the first HDU named <paramref name="name"/> (see <see cref="this[string]"/>).</summary>
    /// <param name="name">The extension name, case-insensitive.</param>
    /// <param name="hdu">The HDU, or null when the method returns false.</param>
    /// <returns>True when an HDU has that name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the file's headers.</exception>
    public bool TryGetHdu(string name, [NotNullWhen(true)] out Hdu? hdu) => TryFind(name, 0, out hdu);

    /// <summary>Looks up the HDU named <paramref name="name"/> with EXTVER <paramref name="version"/> (see <see cref="this[string, int]"/>).</summary>
    /// <param name="name">The extension name, case-insensitive.</param>
    /// <param name="version">The EXTVER value, 1 or more.</param>
    /// <param name="hdu">The HDU, or null when the method returns false.</param>
    /// <returns>True when an HDU has that name and version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the file's headers.</exception>
    public bool TryGetHdu(string name, int version, [NotNullWhen(true)] out Hdu? hdu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return TryFind(name, version, out hdu);
    }

    private Hdu Find(string name, int version)
    {
        if (TryFind(name, version, out Hdu? hdu))
        {
            return hdu;
        }

        throw new KeyNotFoundException(
            $"No HDU named '{name}'{(version > 0 ? $" with EXTVER {version}" : string.Empty)} in '{FileName}'. It has: {ListNames()}.");
    }

    private bool TryFind(string name, int version, [NotNullWhen(true)] out Hdu? hdu)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int index;
        lock (Sync)
        {
            ThrowIfDisposed();
            OpenDeferredCfitsio();
            // Until CFITSIO says where the search left it, its idea of the current HDU is unknown. Not found is an
            // answer, not an error (CFITSIO moved back to the HDU it was on, but do not rely on that).
            _currentHdu = -1;
            if (!CfitsioProxy.TryMoveToNamedHdu(_handle, Cfitsio.AnyHdu, name, version, Cfitsio.BadHduNumber, $"find HDU '{name}'", new CallContext(FileName)))
            {
                index = -1;
            }
            else
            {
                Cfitsio.GetCurrentHduNumber(_handle, out int number);
                index = number - 1;
                _currentHdu = index;
            }
        }

        if (index < 0)
        {
            index = FindCompressedImage(name, version);
        }

        if (index < 0 && version <= 1 && name.Trim().Equals("PRIMARY", StringComparison.OrdinalIgnoreCase))
        {
            index = 0;
        }

        hdu = index < 0 ? null : this[index];
        return hdu is not null;
    }

    /// <summary>
    /// The first tile-compressed image whose own name (<see cref="Hdu.Name"/> of its image header) matches, or -1.
    /// CFITSIO's <c>ffmnhd</c> compares only the first EXTNAME of the stored table header, so a compressed image whose
    /// header names the container ('COMPRESSED_IMAGE') before the image's own EXTNAME is found here; only after
    /// <c>ffmnhd</c> found nothing, so a lookup that CFITSIO answers costs no extra header reads.
    /// </summary>
    private int FindCompressedImage(string name, int version)
    {
        string wanted = name.TrimEnd(' ');
        int count = HduCount;
        for (int i = 1; i < count; i++)
        {
            try
            {
                if (this[i] is ImageHdu image && image.Info.IsCompressed
                    && string.Equals(image.Name?.TrimEnd(' '), wanted, StringComparison.OrdinalIgnoreCase)
                    && (version == 0 || image.Version == version))
                {
                    return i;
                }
            }
            catch (FitsException)
            {
                // An HDU CFITSIO cannot read has no name to match; reading it says why.
            }
        }

        return -1;
    }

    private string ListNames()
    {
        var names = new StringBuilder();
        int count = HduCount;
        for (int i = 0; i < count && i < MaxNamesInMessage; i++)
        {
            Hdu hdu = this[i];
            names.Append(i == 0 ? string.Empty : ", ").Append(i).Append(' ');
            names.Append(hdu.Name is string hduName ? $"'{hduName}' v{hdu.Version}" : "(no name)");
        }

        if (count > MaxNamesInMessage)
        {
            names.Append(", ... (").Append(count).Append(" HDUs)");
        }

        return names.ToString();
    }
}
