namespace CfitsioNet;

/// <summary>
/// One keyword record of a header, as stored, split the way CFITSIO splits it: keyword, value text, comment.
/// Immutable. Typed values, long strings (CONTINUE) and duplicates are handled by <see cref="Header"/>.
/// </summary>
public sealed class HeaderCard
{
    internal HeaderCard(string record, string keyword, HeaderCardKind kind, string? value, string comment)
    {
        Record = record;
        Keyword = keyword;
        Kind = kind;
        Value = value;
        Comment = comment;
    }

    /// <summary>
    /// The keyword name as written, e.g. <c>EXPTIME</c>; for HIERARCH cards the name after the prefix, e.g.
    /// <c>ESO DET DIT</c>; empty for a blank keyword.
    /// </summary>
    public string Keyword { get; }

    /// <summary>What the card holds.</summary>
    public HeaderCardKind Kind { get; }

    /// <summary>
    /// The value field exactly as written: strings keep their quotes and doubled inner quotes (<c>'O''Brien'</c>),
    /// numbers keep their notation (<c>1.5D3</c>). Null when the card has no value: commentary cards, and keywords
    /// whose value is undefined (<c>KEYWORD =</c> followed by nothing or only a comment).
    /// </summary>
    public string? Value { get; }

    /// <summary>
    /// The comment after the value (without the <c>/</c> separator and trailing blanks); for cards without a value
    /// (COMMENT, HISTORY, blank keyword, other commentary) the text in columns 9-80. Empty when there is none.
    /// </summary>
    public string Comment { get; }

    /// <summary>The whole 80-character keyword record, padded with blanks.</summary>
    public string Record { get; }

    /// <inheritdoc/>
    public override string ToString() => Record.TrimEnd(' ');
}
