namespace CfitsioNet.Fuzz;

internal static class Soak
{
    internal static int Run(long cycles, long forgotten, string outputDirectory) => 0;
}
