using System.Diagnostics;
using Serverless.Samples;

// Writes samples/: a text-layer PDF, a scanned invoice PNG (the PDF rasterised by pdftoppm, grey, 150 dpi),
// an image-only PDF of that scan, a DOCX and a TXT. Usage: dotnet run --project samples/generate [-- OUTDIR]
var output = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
Directory.CreateDirectory(output);

var invoicePdf = SampleDocuments.TextPdf([SampleDocuments.InvoiceLines]);
File.WriteAllBytes(Path.Combine(output, "invoice-text-layer.pdf"), invoicePdf);

var scratch = Directory.CreateTempSubdirectory("serverless-samples-").FullName;
try
{
    var pdfPath = Path.Combine(scratch, "invoice.pdf");
    File.WriteAllBytes(pdfPath, invoicePdf);
    using (var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-gray", "-r", "150", "-singlefile", pdfPath, Path.Combine(scratch, "scan")]))
        ?? throw new InvalidOperationException("pdftoppm did not start (apt-get install poppler-utils)."))
    {
        await pdftoppm.WaitForExitAsync();
        if (pdftoppm.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftoppm failed with exit code {pdftoppm.ExitCode}.");
        }
    }

    var scan = File.ReadAllBytes(Path.Combine(scratch, "scan.png"));
    File.WriteAllBytes(Path.Combine(output, "invoice-scan.png"), scan);
    File.WriteAllBytes(Path.Combine(output, "invoice-scanned.pdf"), SampleDocuments.ImagePdf(scan));
}
finally
{
    Directory.Delete(scratch, recursive: true);
}

File.WriteAllBytes(Path.Combine(output, "service-contract.docx"), SampleDocuments.Docx(
[
    [
        "SERVICE AGREEMENT",
        "This Agreement is entered into on 1 October 2026 by and between Northwind Traders Ltd (the Client) and Contoso Cleaning Services (the Contractor).",
        "1. Services. The Contractor shall clean the Client's offices at 5 Mill Lane, Leeds, five days a week.",
        "2. Term. This Agreement runs for twelve months and renews unless either party gives 60 days' written notice.",
    ],
    [
        "3. Fees. The Client shall pay 1,200.00 GBP per month, invoiced monthly and payable within 30 days.",
        "4. Confidentiality. Each party shall keep the other's business information confidential.",
        "Signed for the Client: ____________    Signed for the Contractor: ____________",
    ],
]));

File.WriteAllText(Path.Combine(output, "meeting-letter.txt"), """
    Northwind Traders Ltd
    5 Mill Lane, Leeds LS1 2AB

    10 November 2026

    Dear Ms. Patel,

    Thank you for meeting us last week to discuss the renewal of the office cleaning contract. As agreed,
    we would like to extend the service to the second floor from January and to review the monthly fee
    at the same time. Please send us a revised proposal by the end of the month.

    Yours sincerely,

    James Carter
    Facilities Manager
    """);

Console.WriteLine($"samples written to {output}");
