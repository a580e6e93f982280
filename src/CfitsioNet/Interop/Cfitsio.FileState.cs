using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// The leading fields of CFITSIO's <c>fitsfile</c> and <c>FITSfile</c> structures, which the direct image writer reads
/// and moves after writing pixels into the file behind CFITSIO's back (fitsio.h, unchanged through 4.x).
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>CFITSIO's <c>VALIDSTRUC</c>: the <c>validcode</c> of a live <c>FITSfile</c>.</summary>
    internal const int ValidStructure = 555;

    /// <summary>
    /// The first fields of CFITSIO's <c>fitsfile</c> (fitsio.h, public since CFITSIO 3 and unchanged in 4.x): the HDU
    /// this handle is on and the shared <c>FITSfile</c>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FitsFileHandle
    {
        public int HduPosition;
        public FitsFileState* File;
    }

    /// <summary>
    /// The leading fields of CFITSIO 4.x's <c>FITSfile</c> (fitsio.h), in declaration order, with C's alignment
    /// (sequential layout gives the same offsets on every 64-bit ABI). Read only after <see cref="ValidStructure"/>
    /// and <see cref="DataStart"/> were checked against CFITSIO's API answers, so a different layout is noticed.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FitsFileState
    {
        public int FileHandle;
        public int Driver;
        public int OpenCount;
        public nint FileName;
        public int ValidCode;
        public int OnlyOne;
        public int NoExtendedSyntax;

        /// <summary>Size of the file on disk as CFITSIO believes it; it fills any gap before a record it writes past it.</summary>
        public long FileSize;

        /// <summary>Size including records only in CFITSIO's buffers; records past it are new (zeros) to CFITSIO.</summary>
        public long LogicalFileSize;
        public int LastHdu;
        public long BytePosition;
        public long IoPosition;
        public int CurrentBuffer;
        public int CurrentHdu;
        public int HduType;
        public int WriteMode;
        public int MaxHdu;
        public int HeadStartLength;
        public long* HeadStart;
        public long HeadEnd;
        public long EndPosition;
        public long NextKey;
        public long DataStart;
    }
}
