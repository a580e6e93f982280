using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The header, name and version of an HDU.</summary>
public partial class Hdu
{
    private Header? _header;

    /// <summary>The header: read from the file on first use (under the file's lock), then kept in memory.</summary>
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
                    header = _header ??= new Header(this, HeaderState.Read(File, File.EnterHdu(Index), Index));
                }
            }

            return header;
        }
    }

    /// <summary>
    /// The HDU's name: its EXTNAME value, or HDUNAME when there is no EXTNAME (CFITSIO matches both when looking an HDU up
    /// by name); null when it has neither or the value is empty. The primary HDU usually has none.
    /// </summary>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public string? Name
    {
        get
        {
            Header header = Header;
            string? name = header.GetStringOrNull("EXTNAME");
            if (string.IsNullOrEmpty(name))
            {
                name = header.GetStringOrNull("HDUNAME");
            }

            return string.IsNullOrEmpty(name) ? null : name;
        }
    }

    /// <summary>The HDU's EXTVER value: 1 when it has none (or its value is not an integer), as the FITS standard defines.</summary>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public int Version => Header.TryGet("EXTVER", out int version) ? version : 1;

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
