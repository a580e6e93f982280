using System.Collections.Generic;
using System.IO;

namespace CfitsioNet.Tool.Comparing;

/// <summary>The differences found, as indented report lines, and whether there was any.</summary>
internal sealed class DiffReport
{
    private readonly List<string> _lines = [];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Whether any difference was recorded.</summary>
    public bool Different { get; private set; }

    /// <summary>Records a difference.</summary>
    public void Difference(string line)
    {
        Different = true;
        _lines.Add(line);
    }

    /// <summary>A line that explains without being a difference (a heading, a note).</summary>
    public void Note(string line) => _lines.Add(line);

    /// <summary>Writes every line.</summary>
    public void WriteTo(TextWriter output)
    {
        foreach (string line in _lines)
        {
            output.WriteLine(line);
        }
    }
}
