namespace CfitsioNet.Tables;

/// <summary>
/// A parsed binary-table TFORMn: <c>rT</c>, <c>rAw</c>, <c>rPt(emax)</c> or <c>rQt(emax)</c> (FITS 4.0, 7.3.1 and 7.3.5;
/// <c>rAw</c> is CFITSIO's convention for fixed-width substrings).
/// </summary>
/// <param name="Type">The data type; for P and Q, the type of the heap's elements.</param>
/// <param name="Repeat">The repeat count r (1 when absent; for X, the number of bits; for P and Q, 0 or 1).</param>
/// <param name="Descriptor">None, or the descriptor kind of a variable-length column.</param>
/// <param name="MaxLength">P and Q: the <c>(emax)</c> of the TFORM, null when absent.</param>
/// <param name="SubstringWidth">A: the w of <c>rAw</c> as CFITSIO reads it (at most r), null when absent.</param>
internal readonly record struct BinaryColumnFormat(BinaryElementType Type, long Repeat, VariableLength Descriptor, long? MaxLength, int? SubstringWidth)
{
    /// <summary>True for P and Q columns.</summary>
    internal bool IsVariableLength => Descriptor != VariableLength.None;

    /// <summary>Bytes of one element of <see cref="Type"/> (0 for X, whose elements are bits).</summary>
    internal int ElementSize => ElementSizeOf(Type);

    /// <summary>Bytes the field takes in a row: the descriptors for P and Q, whole bytes of bits for X.</summary>
    /// <remarks>Never overflows: the parser refuses repeat counts whose field would not fit in a <see cref="long"/>.</remarks>
    internal long FieldWidth => Descriptor switch
    {
        VariableLength.P => 8 * Repeat,
        VariableLength.Q => 16 * Repeat,
        _ => Type == BinaryElementType.Bit ? (Repeat + 7) / 8 : Repeat * ElementSize,
    };

    /// <summary>Bytes of one element of <paramref name="type"/> in a row or the heap (0 for bits).</summary>
    internal static int ElementSizeOf(BinaryElementType type) => type switch
    {
        BinaryElementType.Logical or BinaryElementType.Byte or BinaryElementType.Character => 1,
        BinaryElementType.Int16 => 2,
        BinaryElementType.Int32 or BinaryElementType.Single => 4,
        BinaryElementType.Int64 or BinaryElementType.Double or BinaryElementType.ComplexSingle => 8,
        BinaryElementType.ComplexDouble => 16,
        _ => 0,
    };
}
