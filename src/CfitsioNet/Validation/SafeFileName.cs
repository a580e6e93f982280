using System;
using System.IO;
using System.Text;

namespace CfitsioNet.Validation;

/// <summary>
/// Turns a user's path into the one name <see cref="FitsFile.Open(string)"/> hands to CFITSIO's <c>ffdkopn</c>, which
/// never parses extended syntax. Everything that would make CFITSIO open something other than that plain regular
/// file is refused here, before native code runs.
/// </summary>
internal static class SafeFileName
{
    /// <summary>CFITSIO copies names into FLEN_FILENAME (1025) byte buffers and refuses longer ones.</summary>
    internal const int MaxUtf8Bytes = 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The absolute path of an existing regular file, checked to reach CFITSIO unchanged.</summary>
    /// <exception cref="ArgumentException">The path contains NUL or a lone UTF-16 surrogate (it would name another file once encoded).</exception>
    /// <exception cref="PathTooLongException">The absolute path is longer than CFITSIO accepts.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="FitsException">The path names a directory, pipe, device or socket.</exception>
    internal static string Resolve(string path, string operation) => Resolve(path, operation, out _);

    /// <summary>As <see cref="Resolve(string, string)"/>, and the identity of the file's current contents (see <see cref="FileIdentity"/>).</summary>
    internal static string Resolve(string path, string operation, out FileIdentity identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            // The UTF-8 marshaller would cut the name at the NUL and open a different file.
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        }

        string fullPath = Path.GetFullPath(path);
        int byteCount;
        try
        {
            byteCount = s_strictUtf8.GetByteCount(fullPath);
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate would be replaced by U+FFFD on the way to native code: another name.
            throw new ArgumentException("The path is not valid UTF-16 (it contains a lone surrogate).", nameof(path));
        }

        if (byteCount > MaxUtf8Bytes)
        {
            throw new PathTooLongException(
                $"The path is {byteCount} bytes long in UTF-8; CFITSIO accepts at most {MaxUtf8Bytes}: '{fullPath}'.");
        }

        FileKind kind = FileKinds.Of(fullPath, out identity);
        if (kind == FileKind.Missing)
        {
            throw new FileNotFoundException($"FITS file not found: '{fullPath}'.", fullPath);
        }

        if (kind != FileKind.Regular)
        {
            // A pipe would block the open, a device would be read forever.
            throw new FitsException($"'{fullPath}' is {FileKinds.Describe(kind)}, not a regular file.", fullPath, operation);
        }

        return fullPath;
    }
}
