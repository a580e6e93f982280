using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CfitsioNet.Tool.Cli;

/// <summary>Indented JSON to standard output through <see cref="Utf8JsonWriter"/> (no reflection: trimming and NativeAOT safe).</summary>
internal static class JsonOutput
{
    /// <summary>Runs <paramref name="write"/> on a writer over standard output, then ends the document with a newline.</summary>
    public static void Write(Action<Utf8JsonWriter> write)
    {
        Console.Out.Flush();
        using Stream stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        stdout.WriteByte((byte)'\n');
    }

    /// <summary>A number, or null for NaN (JSON has no NaN).</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
