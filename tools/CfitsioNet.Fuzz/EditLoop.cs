using System;

namespace CfitsioNet.Fuzz;

/// <summary>
/// <c>edit-loop PATH [--cycles N]</c>: edits PATH in update mode over and over, each cycle one kind of change: a
/// keyword value changed in place (COUNTER), 60 HISTORY cards added (the header grows: a temporary copy renamed in),
/// the HISTORY cards removed. Prints <c>cycle N</c> after each save, so a parent can kill it at any moment
/// (tests/CfitsioNet.Tests/Writing/UpdateKillTests.cs) and check that the file is the old one or the new one.
/// </summary>
internal static class EditLoop
{
    internal static int Run(string path, long cycles)
    {
        for (long i = 0; i < cycles; i++)
        {
            using (FitsFile fits = FitsFile.OpenForUpdate(path))
            {
                Header header = fits.Primary.Header;
                switch (i % 3)
                {
                    case 0:
                        header.Set("COUNTER", i, "edit-loop cycle");
                        break;
                    case 1:
                        for (int k = 0; k < 60; k++)
                        {
                            header.AddHistory($"edit-loop cycle {i} card {k}");
                        }

                        break;
                    default:
                        header.Remove("HISTORY");
                        break;
                }
            }

            Console.WriteLine($"cycle {i}");
            Console.Out.Flush();
        }

        return 0;
    }
}
