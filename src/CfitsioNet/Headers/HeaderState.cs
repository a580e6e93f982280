using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// An immutable snapshot of one header: its cards in order and an index from keyword to the card a lookup reads
/// (the first card with that keyword that has a value indicator, else the first card with that keyword).
/// </summary>
internal sealed class HeaderState
{
    private readonly HeaderCard[] _cards;
    private readonly Dictionary<string, int> _index;

    internal HeaderState(HeaderCard[] cards)
    {
        _cards = cards;
        _index = new Dictionary<string, int>(cards.Length, StringComparer.Ordinal);
        var comments = new List<string>();
        var history = new List<string>();
        for (int i = 0; i < cards.Length; i++)
        {
            HeaderCard card = cards[i];
            string key = HeaderCardParser.LookupKey(card.Keyword);
            if (!_index.TryGetValue(key, out int first) || (!HasValueIndicator(cards[first]) && HasValueIndicator(card)))
            {
                _index[key] = i;
            }

            if (card.Kind == HeaderCardKind.Comment)
            {
                comments.Add(card.Comment);
            }
            else if (card.Kind == HeaderCardKind.History)
            {
                history.Add(card.Comment);
            }
        }

        Comments = comments.AsReadOnly();
        History = history.AsReadOnly();
    }

    internal IReadOnlyList<HeaderCard> Cards => _cards;

    internal IReadOnlyList<string> Comments { get; }

    internal IReadOnlyList<string> History { get; }

    /// <summary>Reads every keyword record of the current HDU. Call under the file's lock, after <c>EnterHdu</c>.</summary>
    internal static unsafe HeaderState Read(FitsFile file, FitsHandle handle, int hduIndex)
    {
        var at = new CallContext(file.FileName, hduIndex);
        CfitsioProxy.GetHeaderSpace(handle, out int count, out _, "read header size", at);
        var cards = new HeaderCard[count];
        byte* buffer = stackalloc byte[Cfitsio.CardLength + 1];
        for (int i = 0; i < count; i++)
        {
            buffer[0] = 0;
            CfitsioProxy.ReadRecord(handle, i + 1, buffer, $"read header record {i + 1}", at);
            buffer[Cfitsio.CardLength] = 0;

            // Records are ASCII; Latin-1 keeps any stray byte as one character instead of failing.
            int length = new ReadOnlySpan<byte>(buffer, Cfitsio.CardLength).IndexOf((byte)0);
            string record = Encoding.Latin1.GetString(buffer, length < 0 ? Cfitsio.CardLength - 1 : length);
            cards[i] = HeaderCardParser.Parse(record);
        }

        return new HeaderState(cards);
    }

    internal static bool HasValueIndicator(HeaderCard card) => card.Kind is HeaderCardKind.Value or HeaderCardKind.Hierarch;

    /// <summary>Index of the card a lookup of <paramref name="lookupKey"/> reads, or -1.</summary>
    internal int IndexOf(string lookupKey) => _index.TryGetValue(lookupKey, out int index) ? index : -1;

    /// <summary>Every card whose keyword is <paramref name="lookupKey"/>, in order.</summary>
    internal List<int> IndicesOf(string lookupKey)
    {
        var indices = new List<int>();
        for (int i = 0; i < _cards.Length; i++)
        {
            if (HeaderCardParser.LookupKey(_cards[i].Keyword) == lookupKey)
            {
                indices.Add(i);
            }
        }

        return indices;
    }

    /// <summary>
    /// The string value of card <paramref name="index"/>, joined with its CONTINUE cards when it ends with <c>&amp;</c>
    /// (CFITSIO's <c>ffgkls</c>), and the number of CONTINUE cards it uses. Unlike CFITSIO, a final empty piece
    /// (<c>CONTINUE ''</c>, which astropy writes to carry a comment) ends the string instead of leaving the <c>&amp;</c>.
    /// </summary>
    internal string StringValue(int index, out int continuations)
    {
        string value = HeaderCardParser.Unquote(_cards[index].Value ?? string.Empty);
        int next = index + 1;
        if (HeaderValue.Classify(_cards[index].Value) == ValueSyntax.String)
        {
            while (value.EndsWith('&') && next < _cards.Length && IsContinuation(_cards[next]))
            {
                value = string.Concat(value.AsSpan(0, value.Length - 1), HeaderCardParser.Unquote(_cards[next].Value!));
                next++;
            }
        }

        continuations = next - index - 1;
        return value;
    }

    /// <summary>The comment of card <paramref name="index"/>, with the comments of its CONTINUE cards appended (space-separated).</summary>
    internal string FullComment(int index)
    {
        StringValue(index, out int continuations);
        if (continuations == 0)
        {
            return _cards[index].Comment;
        }

        var parts = new List<string>(continuations + 1);
        for (int i = index; i <= index + continuations; i++)
        {
            if (_cards[i].Comment.Length > 0)
            {
                parts.Add(_cards[i].Comment);
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>How many records card <paramref name="index"/> occupies: itself and the CONTINUE cards of its string value.</summary>
    internal int RecordSpan(int index)
    {
        if (!HasValueIndicator(_cards[index]) || _cards[index].Value is null)
        {
            return 1;
        }

        StringValue(index, out int continuations);
        return 1 + continuations;
    }

    private static bool IsContinuation(HeaderCard card) => card.Kind == HeaderCardKind.Continue && !string.IsNullOrEmpty(card.Value);
}
