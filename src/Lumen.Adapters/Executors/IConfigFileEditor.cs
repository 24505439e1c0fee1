using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>Reads and rewrites one top-level key of a config file's text. Pure: the caller does the I/O.</summary>
internal interface IConfigFileEditor
{
    ExecutorResult Read(string text, string key);

    FileEdit Write(string text, string key, double value);
}
