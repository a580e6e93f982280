namespace CfitsioNet;

/// <summary>Keeps <see cref="Info"/> in step with header changes; the stored header of a tile-compressed image.</summary>
public sealed partial class ImageHdu
{
    private Header? _storedHeader;

    /// <summary>
    /// The header as stored in the file. For a tile-compressed image, the binary table's header (XTENSION = 'BINTABLE',
    /// ZIMAGE, ZBITPIX, ZNAXISn, ZCMPTYPE, TFORM1, EXTNAME = 'COMPRESSED_IMAGE' when CFITSIO wrote it, ...), where
    /// <see cref="Hdu.Header"/> shows the image's; for any other image, the same object as <see cref="Hdu.Header"/>.
    /// </summary>
    /// <exception cref="System.ObjectDisposedException">The file was disposed before the header was first read.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the header.</exception>
    public Header StoredHeader
    {
        get
        {
            Header? stored = _storedHeader;
            if (stored is null)
            {
                lock (File.Sync)
                {
                    stored = _storedHeader ??= Info.IsCompressed
                        ? new Header(this, HeaderState.Read(File, File.EnterHdu(Index), Index))
                        : Header;
                }
            }

            return stored;
        }
    }

    /// <inheritdoc/>
    private protected override void OnHeaderChanged()
    {
        _info = null;
        if (_storedHeader is { } stored && !ReferenceEquals(stored, PeekHeader()))
        {
            // Two views of one stored header: a write through either leaves the other stale.
            stored.Invalidate();
            ForgetHeader();
        }
    }
}
