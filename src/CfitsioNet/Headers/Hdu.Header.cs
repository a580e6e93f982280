using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The header, name and version of an HDU.</summary>
public abstract partial class Hdu
{
    private Header? _header;

    /// <summary>
    /// The header: read from the file on first use (under the file's lock), then kept in memory. For a tile-compressed
    /// image, the image's header (see <see cref="ImageHdu.StoredHeader"/> for the binary table's).
    /// </summary>
    /// <exception cref="System.ObjectDisposedException">The file was disposed before the header was first read.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public Header Header
    {
        get
        {
            Header? header = _header;
            if (header is null)
            {
                lock (File.Sync)
                {
                    header = _header ??= ReadHeader(File.EnterHdu(Index));
                }
            }

            return header;
        }
    }

    /// <summary>
    /// The HDU's name: its EXTNAME value, or HDUNAME when there is no EXTNAME (CFITSIO matches both when looking an HDU up
    /// by name); null when it has neither or the value is empty. The primary HDU usually has none. For a tile-compressed
    /// image, the name in the image's <see cref="Header"/>: its own EXTNAME rather than the container's default
    /// 'COMPRESSED_IMAGE', which is the name only when the image has none of its own (as astropy names them).
    /// </summary>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public string? Name
    {
        get
        {
            Header header = Header;
            string? name = NameIn(header);
            if (name is null && this is ImageHdu image && !ReferenceEquals(image.StoredHeader, header))
            {
                // A compressed image with no name of its own is called by its container's (astropy's rule).
                name = NameIn(image.StoredHeader);
            }

            return name;
        }
    }

    private static string? NameIn(Header header)
    {
        string? name = header.GetStringOrNull("EXTNAME");
        if (string.IsNullOrEmpty(name))
        {
            name = header.GetStringOrNull("HDUNAME");
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The HDU's EXTVER value: 1 when it has none (or its value is not an integer), as the FITS standard defines.</summary>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public int Version => Header.TryGet("EXTVER", out int version) ? version : 1;

    /// <summary>Forgets the header snapshot, if it was read; the next use reads it again. Call under the file's lock.</summary>
    private protected void ForgetHeader() => _header?.Invalidate();

    /// <summary>The header object, or null when it was never asked for.</summary>
    private protected Header? PeekHeader() => _header;

    /// <summary>Reads the header of the current HDU: the image view for a tile-compressed image. Call under the file's lock.</summary>
    private Header ReadHeader(FitsHandle handle)
    {
        HeaderState stored = HeaderState.Read(File, handle, Index);
        if (Kind != HduKind.Image || Index == 0)
        {
            return new Header(this, stored);
        }

        bool compressed = CfitsioProxy.IsCompressedImage(handle, "read HDU type", At);
        return compressed ? new Header(this, CompressedImageHeader.ToImage(stored), imageView: true) : new Header(this, stored);
    }

    /// <summary>Called under the file's lock after the header changed, so cached descriptions are read again.</summary>
    internal void HeaderChanged() => OnHeaderChanged();

    /// <summary>Re-reads the header, if it was read, after CFITSIO changed it. Call under the file's lock.</summary>
    internal void RefreshHeader(FitsHandle handle, bool failed)
    {
        if (failed)
        {
            _header?.Invalidate();
        }
        else
        {
            _header?.Refresh(handle);
        }

        OnHeaderChanged();
    }

    /// <summary>Forgets what derived types cached from the header.</summary>
    private protected virtual void OnHeaderChanged()
    {
    }
}
