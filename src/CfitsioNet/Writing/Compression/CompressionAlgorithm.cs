namespace CfitsioNet;

/// <summary>
/// The tile-compression algorithms of the FITS standard (section 10) that CFITSIO writes. A compressed image is
/// stored as a binary table extension with <c>ZIMAGE = T</c>; readers (CFITSIO, astropy, fitsio) present it as an image.
/// </summary>
public enum CompressionAlgorithm
{
    /// <summary>
    /// <c>RICE_1</c>: fast and effective on integer images; the usual choice. Floating-point images must be
    /// quantized (<see cref="ImageCompression.QuantizeLevel"/>).
    /// </summary>
    Rice,

    /// <summary>
    /// <c>GZIP_1</c>: deflate on the pixel bytes. The only algorithm (with <see cref="Gzip2"/>) that compresses
    /// floating-point images losslessly, when <see cref="ImageCompression.QuantizeLevel"/> is null.
    /// </summary>
    Gzip1,

    /// <summary><c>GZIP_2</c>: deflate after shuffling the bytes of each pixel by significance; often smaller than <see cref="Gzip1"/>.</summary>
    Gzip2,

    /// <summary>
    /// <c>HCOMPRESS_1</c>: a 2-D wavelet coder. Needs images of at least two dimensions with at least 4 pixels along
    /// each tile axis, and tiles with exactly two axes longer than 1. Lossless for integers when
    /// <see cref="ImageCompression.HCompressScale"/> is 0. Suited to smooth images: CFITSIO 4.2 gives each tile a buffer
    /// of about 2.2 (8- and 16-bit images) or 4.4 bytes per pixel, and a tile of noise-like data can need more; such an
    /// image is refused with an <see cref="System.ArgumentException"/> rather than written.
    /// </summary>
    HCompress,

    /// <summary>
    /// <c>PLIO_1</c>: IRAF's run-length coder for masks: integer values from 0 to 2^24 - 1 (16777215) in
    /// <see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/> or <see cref="int"/> images. Refused for
    /// <see cref="ushort"/> (CFITSIO writes those in a form other readers misread), <see cref="uint"/>, 64-bit and
    /// floating-point images.
    /// </summary>
    Plio,
}
