using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// CFITSIO's data-type codes (fitsio.h), for pixels and cells alike.
/// </summary>
internal static unsafe partial class Cfitsio
{
    // CFITSIO's datatype codes for table reads (fitsio.h). TLONG/TULONG are C longs (8 bytes on LP64): never used for
    // 32-bit columns, TINT/TUINT are.
    internal const int TypeBit = 1;             // TBIT
    internal const int TypeByte = 11;           // TBYTE
    internal const int TypeSByte = 12;          // TSBYTE
    internal const int TypeLogical = 14;        // TLOGICAL
    internal const int TypeString = 16;         // TSTRING
    internal const int TypeUInt16 = 20;         // TUSHORT
    internal const int TypeInt16 = 21;          // TSHORT
    internal const int TypeUInt32 = 30;         // TUINT
    internal const int TypeInt32 = 31;          // TINT
    internal const int TypeCULong = 40;         // TULONG: a C unsigned long (8 bytes on LP64)
    internal const int TypeCLong = 41;          // TLONG: a C long (8 bytes on LP64)
    internal const int TypeSingle = 42;         // TFLOAT
    internal const int TypeUInt64 = 80;         // TULONGLONG
    internal const int TypeInt64 = 81;          // TLONGLONG
    internal const int TypeDouble = 82;         // TDOUBLE
    internal const int TypeComplex = 83;        // TCOMPLEX
    internal const int TypeDoubleComplex = 163; // TDBLCOMPLEX
}
