namespace CfitsioNet;

/// <summary>What a header card (keyword record) holds.</summary>
public enum HeaderCardKind
{
    /// <summary>A keyword with a value indicator (<c>KEYWORD = value / comment</c>); its value may be undefined (empty).</summary>
    Value,

    /// <summary>An ESO HIERARCH keyword with a value: <c>HIERARCH ESO DET DIT = 1.5</c>; its <see cref="HeaderCard.Keyword"/> omits the <c>HIERARCH</c> prefix.</summary>
    Hierarch,

    /// <summary>A COMMENT card; its text is in <see cref="HeaderCard.Comment"/>.</summary>
    Comment,

    /// <summary>A HISTORY card; its text is in <see cref="HeaderCard.Comment"/>.</summary>
    History,

    /// <summary>A card whose keyword is blank (columns 1-8 are spaces); any text is in <see cref="HeaderCard.Comment"/>.</summary>
    Blank,

    /// <summary>
    /// A CONTINUE card: the next piece of the long string value before it (when that value ends with <c>&amp;</c>).
    /// <see cref="HeaderCard.Value"/> holds the quoted piece as written.
    /// </summary>
    Continue,

    /// <summary>Any other card without a value indicator (a commentary keyword); its text is in <see cref="HeaderCard.Comment"/>.</summary>
    Commentary,
}
