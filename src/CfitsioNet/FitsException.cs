using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CfitsioNet;

/// <summary>
/// A FITS file could not be read or written: CFITSIO reported an error, or the file breaks the FITS standard in a
/// way CfitsioNet detected before calling CFITSIO. Carries CFITSIO's status code, its short text, the messages
/// CFITSIO left on its error stack for this call, the file and the operation.
/// </summary>
public sealed class FitsException : IOException
{
    /// <summary>Creates an exception with CFITSIO's report for a failed call.</summary>
    /// <param name="status">CFITSIO's status code (0 when CfitsioNet detected the problem itself).</param>
    /// <param name="statusText">CFITSIO's short text for <paramref name="status"/>.</param>
    /// <param name="errorStack">The messages CFITSIO put on its error stack, oldest first.</param>
    /// <param name="fileName">The file concerned, if any.</param>
    /// <param name="operation">What CfitsioNet was doing, e.g. "read pixels".</param>
    /// <param name="hduIndex">Zero-based index of the HDU concerned, if any.</param>
    public FitsException(int status, string statusText, IReadOnlyList<string> errorStack, string? fileName, string operation, int? hduIndex = null)
        : base(Format(status, statusText, errorStack, fileName, operation, hduIndex))
    {
        Status = status;
        StatusText = statusText;
        ErrorStack = errorStack;
        FileName = fileName;
        Operation = operation;
        HduIndex = hduIndex;
        HResult = unchecked((int)0x80131620); // COR_E_IO, as IOException uses
    }

    /// <summary>Creates an exception for a problem CfitsioNet found itself (status 0).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="fileName">The file concerned, if any.</param>
    /// <param name="operation">What CfitsioNet was doing.</param>
    /// <param name="hduIndex">Zero-based index of the HDU concerned, if any.</param>
    public FitsException(string message, string? fileName, string operation, int? hduIndex = null)
        : this(0, message, Array.Empty<string>(), fileName, operation, hduIndex)
    {
    }

    /// <summary>Creates an exception for a problem CfitsioNet found itself (status 0), caused by <paramref name="innerException"/>.</summary>
    internal FitsException(Exception innerException, string message, string? fileName, string operation)
        : base(Format(0, message, Array.Empty<string>(), fileName, operation, null), innerException)
    {
        StatusText = message;
        ErrorStack = Array.Empty<string>();
        FileName = fileName;
        Operation = operation;
        HResult = unchecked((int)0x80131620);
    }

    /// <summary>CFITSIO's status code, e.g. 104 (could not open the named file); 0 for problems CfitsioNet found itself.</summary>
    public int Status { get; }

    /// <summary>CFITSIO's short text for <see cref="Status"/>, or CfitsioNet's description when <see cref="Status"/> is 0.</summary>
    public string StatusText { get; }

    /// <summary>CFITSIO's error-message stack for the failed call, oldest message first; often names the keyword or byte at fault.</summary>
    public IReadOnlyList<string> ErrorStack { get; }

    /// <summary>The file concerned, if any.</summary>
    public string? FileName { get; }

    /// <summary>What CfitsioNet was doing when the error happened, e.g. "open" or "read pixels".</summary>
    public string Operation { get; }

    /// <summary>Zero-based index of the HDU concerned (0 is the primary HDU), if any.</summary>
    public int? HduIndex { get; }

    private static string Format(int status, string statusText, IReadOnlyList<string> errorStack, string? fileName, string operation, int? hduIndex)
    {
        var text = new StringBuilder();
        text.Append("FITS ").Append(operation).Append(" failed");
        if (fileName is not null)
        {
            text.Append(" for '").Append(fileName).Append('\'');
        }

        if (hduIndex is int hdu)
        {
            text.Append(" (HDU ").Append(hdu).Append(')');
        }

        text.Append(": ");
        if (status != 0)
        {
            text.Append("CFITSIO status ").Append(status).Append(", ");
        }

        text.Append(statusText);
        if (errorStack.Count > 0)
        {
            text.Append(". CFITSIO says: ").Append(string.Join(" | ", errorStack));
        }

        return text.ToString();
    }
}
