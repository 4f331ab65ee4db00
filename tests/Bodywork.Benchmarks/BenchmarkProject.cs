using System.Globalization;
using System.Text;

namespace Bodywork.Benchmarks;

/// <summary>Writes a project of N batch stages: a chain (one stage per step) or one step fanning out to all of them.</summary>
internal static class BenchmarkProject
{
    public static string Write(string root, string name, int stages, bool chain)
    {
        Directory.CreateDirectory(root);
        var names = Enumerable.Range(1, stages).Select(i => "s" + i.ToString("000", CultureInfo.InvariantCulture)).ToList();
        var dag = chain ? string.Join(" >> ", names) : string.Join(", ", names);
        File.WriteAllText(Path.Combine(root, "bodywork.ini"), new StringBuilder()
            .Append("[default]\nPROJECT_NAME=").Append(name).Append("\nDOCKER_IMAGE=bodyworkml/bodywork-core:latest\n\n")
            .Append("[workflow]\nDAG=").Append(dag).Append("\n\n[logging]\nLOG_LEVEL=INFO\n").ToString());
        foreach (var stage in names)
        {
            Directory.CreateDirectory(Path.Combine(root, stage));
            File.WriteAllText(Path.Combine(root, stage, "main.py"), "print('done')\n");
            File.WriteAllText(Path.Combine(root, stage, "config.ini"),
                "[default]\nSTAGE_TYPE=batch\nEXECUTABLE_SCRIPT=main.py\nCPU_REQUEST=0.1\nMEMORY_REQUEST_MB=50\n\n"
                + "[batch]\nMAX_COMPLETION_TIME_SECONDS=120\nRETRIES=0\n");
        }

        return root;
    }
}
