namespace CfitsioNet.Tables;

/// <summary>Whether a binary-table column holds its values in the row or descriptors into the heap.</summary>
internal enum VariableLength
{
    /// <summary>The values are in the row.</summary>
    None,

    /// <summary><c>P</c>: each row holds a 32-bit (element count, heap offset) descriptor, 8 bytes.</summary>
    P,

    /// <summary><c>Q</c>: each row holds a 64-bit (element count, heap offset) descriptor, 16 bytes.</summary>
    Q,
}
