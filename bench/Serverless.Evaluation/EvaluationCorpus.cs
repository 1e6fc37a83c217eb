using System.Globalization;

namespace Serverless.Evaluation;

/// <summary>
/// A labelled corpus generated in code (never the repository's samples/): six everyday business classes
/// of the default taxonomy, most documents without a title that names their class and several written in
/// another class's vocabulary (a letter about an unpaid invoice, a receipt that quotes the invoice it
/// settles, an audit report about invoices, a renewal form about a contract...). Every document carries one
/// fact that a paraphrased question asks for. Deterministic for a seed.
/// </summary>
public static class EvaluationCorpus
{
    public static readonly string[] Formats = ["txt", "pdf", "docx", "scan"];

    private static readonly string[] Companies =
    [
        "Halvorsen Marine Parts", "Quillfeather Stationers", "Brightwater Dairy Co-op", "Ostrander Freight", "Kestrel Roofing",
        "Lindqvist Laboratories", "Marrowby Textiles", "Penhallow Catering", "Ravensworth Printing", "Tamsin Vale Nurseries",
        "Umberleigh Cycles", "Vantongeren Logistics", "Whitlock & Daughters Joinery", "Yarrowfield Veterinary", "Zephyr Climate Systems",
        "Ashgrove Dental Practice", "Blackthorn Security", "Copperline Electrical", "Dunmore Bakeries", "Elderberry Software",
        "Fenwick Scaffolding", "Glenrothes Paper Mill", "Hartwell Pharmacy", "Ironbridge Foundry", "Juniper Event Hire",
        "Kingsmere Solicitors", "Larkspur Florists", "Millbrook Garage", "Northgate Opticians", "Oakhaven Care Home",
        "Pemberton Glass", "Quarry Lane Builders", "Redfern Accountancy", "Silverbirch Hotels", "Thornbury Plumbing",
        "Upfield Farm Supplies", "Verity Translation", "Westmoor Bus Company", "Yewtree Landscaping", "Zennor Surf School",
        "Alder Street Clinic", "Bramblewood Kennels", "Castlegate Carpets", "Driftwood Galleries", "Eastbrook Recycling",
        "Foxglove Interiors", "Greystone Architects", "Heatherley Tutors", "Inglewood Motors", "Jasmine Court Residents",
        "Kiln House Pottery", "Lambeth Wire Works", "Moorcroft Seeds", "Nettlebed Removals", "Orchard Row Cafe",
        "Pippin Day Nursery", "Quayside Chandlery", "Rosehip Skincare", "Saltmarsh Fisheries", "Tidewater Kayaks",
    ];

    private static readonly string[] People =
    [
        "Ingrid Castellano", "Tobias Mwangi", "Harriet Oyelaran", "Declan Fairweather", "Priya Ramaswamy", "Mateo Lindgren",
        "Olwen Pritchard", "Samir Haddad", "Beatrix Nakamura", "Conall Brennan", "Yasmin Okafor", "Lukas Dvorak",
        "Fenella Ashby", "Rashid Karimi", "Greta Sandoval", "Hamish Cathcart", "Noor Siddiqui", "Piers Whitmore",
    ];

    /// <summary>The documents to evaluate on (six per class) and, separately, a pool of reviewed documents (three per class) used as examples.</summary>
    public static (List<EvaluationDocument> Test, List<EvaluationDocument> ReviewPool) Create(int seed = 2026)
    {
        var random = new Random(seed);
        var entities = new Queue<string>(Companies.OrderBy(_ => random.Next()));
        var test = new List<EvaluationDocument>();
        var pool = new List<EvaluationDocument>();
        var n = 0;
        foreach (var (label, variants) in Templates)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                var f = Fill(random, entities.Dequeue());
                var (lines, question, answer) = variants[i](f);
                test.Add(new EvaluationDocument($"{label}-{i + 1}", label, Formats[n++ % Formats.Length], lines, question, answer));
            }

            for (var i = 0; i < 3; i++)
            {
                var f = Fill(random, entities.Dequeue());
                var (lines, question, answer) = variants[(i * 2) % variants.Length](f);
                pool.Add(new EvaluationDocument($"review-{label}-{i + 1}", label, "txt", lines, question, answer));
            }
        }

        return (test, pool);
    }

    private static Facts Fill(Random random, string company) => new(
        company,
        People[random.Next(People.Length)],
        People[random.Next(People.Length)],
        (random.Next(120, 9800) + (random.Next(0, 100) / 100m)).ToString("N2", CultureInfo.InvariantCulture),
        $"{random.Next(1, 28)} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(random.Next(1, 13))} 2026",
        random.Next(1000, 99999).ToString(CultureInfo.InvariantCulture),
        random.Next(3, 36),
        random.Next(2, 10));

    private delegate (string[] Lines, string Question, string Answer) Template(Facts f);

    private sealed record Facts(string Company, string Person, string Other, string Amount, string Date, string Number, int Months, int Small);

    private static readonly (string Label, Template[] Variants)[] Templates =
    [
        ("invoice",
        [
            f => ([f.Company, "Unit 4, Riverside Estate", "", $"Document ref. INV-{f.Number}", $"Issued {f.Date}", "Bill to: Northwind Traders", "", "2 x Replacement hydraulic hoses for the forklift     as quoted", "1 x Call-out and fitting labour", "", $"Net amount payable: GBP {f.Amount}", "VAT included at 20%", "Payment is requested within 30 days to account 40-11-22 / 9981231."],
                  "How much do we owe for fixing the forklift's hydraulics?", f.Amount),
            f => ([$"{f.Company}", "Statement of charges", $"Reference {f.Number}", "", "For catering at the staff summer party: canapes for 80 guests, two waiting staff, glassware hire.", $"Balance to be settled: {f.Amount} EUR", $"Settle by bank transfer no later than {f.Date}.", "Late settlement incurs interest at 8% above base rate."],
                  "What is the bill for the food at the summer staff event?", f.Amount),
            f => ([f.Company, $"Tax document {f.Number}", "", "Services rendered under our maintenance agreement of 2024, which both parties signed and which renews each year:", "quarterly inspection of the lifts in buildings A and B.", "The agreement's terms and conditions apply.", $"Amount due this quarter: {f.Amount} GBP", $"Due date {f.Date}. Please quote {f.Number} with your remittance."],
                  "What do the lift inspections cost us this quarter?", f.Amount),
            f => ([f.Company, "Pro forma for goods already shipped", $"No. {f.Number}", "", "48 cartons of compostable coffee cups, 12 oz", "20 packs of wooden stirrers", "", $"Total to pay: {f.Amount} USD", "Payment terms: net 14 days. Our bank: First Coastal, IBAN GB33BUKB20201555555555."],
                  "What is the charge for the disposable cups we ordered?", f.Amount),
            f => ([$"From: {f.Company}", $"To: Accounts payable, attention {f.Person}", "", $"Billing period: {f.Date} month", "Cloud backup storage, 4 TB tier", "Support hours used: 6", "", $"Please remit {f.Amount} EUR by the end of next month.", $"Customer number {f.Number}."],
                  "How much is the monthly charge for storing our backups online?", f.Amount),
            f => ([f.Company, "Kitchen refurbishment, Flat 3", $"Our ref {f.Number}", "", "Labour: 5 days, two fitters", "Materials: worktops, sink, tap, tiles", "Skip hire", "", $"Sum outstanding: {f.Amount} GBP", $"We would be grateful to receive payment by {f.Date}."],
                  "What is the total we were charged for redoing the kitchen in flat 3?", f.Amount),
        ]),
        ("receipt",
        [
            f => ([f.Company, "Thank you for shopping with us", $"Till 3   Transaction {f.Number}", f.Date, "", "Garden hose 30m", "Brass connector set", "", $"Paid by contactless card: {f.Amount}", "Change due: 0.00", "Keep this slip for returns within 28 days."],
                  "How much did the garden hose purchase come to?", f.Amount),
            f => ([f.Company, $"Payment confirmation {f.Number}", "", $"We confirm that we received your transfer of {f.Amount} GBP on {f.Date}", $"in full settlement of invoice INV-{f.Number}.", "Your account balance is now zero. No further action is needed."],
                  "Did the supplier acknowledge our bank transfer, and for how much?", f.Amount),
            f => ([f.Company, "Parking", $"Ticket {f.Number}", $"Entry {f.Date} 08:12   Exit 17:45", "Duration 9 h 33 min", $"Amount paid: {f.Amount}", "Paid with: Visa ending 4421", "VAT reg. 991 2231 77"],
                  "What did the car park cost for the whole day?", f.Amount),
            f => ([f.Company, "Donation acknowledgement", "", $"Dear {f.Person}, we gratefully acknowledge your gift of {f.Amount} received on {f.Date}.", $"Receipt number {f.Number}. Keep it for your tax return; no goods or services were provided in exchange."],
                  "How much money did we give to the charity?", f.Amount),
            f => ([f.Company, "Cash sale", $"No. {f.Number}   Date {f.Date}", "", "3 x Printer paper A4 box", "1 x Stapler, heavy duty", $"Total tendered: {f.Amount}", "Settled in cash. Goods collected by customer."],
                  "What did we spend in cash on the paper and the stapler?", f.Amount),
            f => ([f.Company, "Booking confirmed and paid", $"Booking {f.Number}", "", $"Guest: {f.Person}", $"2 nights from {f.Date}, double room with breakfast", $"Charged to card: {f.Amount} EUR", "Nothing is owed at check-out except extras."],
                  "What was paid for the hotel stay of two nights?", f.Amount),
        ]),
        ("contract",
        [
            f => ([$"THIS AGREEMENT is made on {f.Date}", $"BETWEEN {f.Company} (the Supplier) AND Northwind Traders (the Customer).", "", "1. The Supplier shall clean the Customer's offices every weekday evening.", $"2. This agreement runs for {f.Months} months and renews unless either party gives 60 days' written notice.", "3. Either party may terminate for material breach.", "", "Signed for the Supplier ______   Signed for the Customer ______"],
                  "How long does the office cleaning arrangement last before it renews?", $"{f.Months} months"),
            f => ([f.Company, "Terms of engagement", "", $"The Consultant, {f.Person}, will advise on the relocation of the warehouse.", $"Fees are invoiced monthly; invoices are payable within 30 days; the total fee is capped at {f.Amount} GBP.", "Confidentiality survives termination.", "Governing law: England and Wales.", "Both parties sign below to accept these terms."],
                  "What is the maximum we can be billed for the warehouse move advice?", f.Amount),
            f => ([$"Lease of commercial premises", $"Landlord: {f.Company}", $"Tenant: {f.Other}", "", $"The Landlord lets Unit 7 to the Tenant for a term of {f.Months} months from {f.Date}.", $"Rent: {f.Amount} per quarter, payable in advance.", "The Tenant shall keep the premises in good repair.", "Signed as a deed by both parties."],
                  "What is the quarterly rent for unit 7?", f.Amount),
            f => ([f.Company, "Non-disclosure undertaking", "", $"{f.Person} agrees not to disclose any confidential information received during the due diligence of project {f.Number}.", $"The obligation lasts {f.Months} months after the last disclosure.", "Breach entitles the disclosing party to an injunction.", "Signature ______  Date ______"],
                  "For how long must the secrets from the due diligence stay secret?", $"{f.Months} months"),
            f => ([f.Company, "Service level schedule", "", $"The provider guarantees 99.9% availability of the hosted payroll system for {f.Months} months.", "Service credits: 5% of the monthly charge per 0.1% below target.", $"The monthly charge is {f.Amount} EUR; both parties agree these terms bind them.", "This schedule forms part of the master services agreement."],
                  "What do we pay each month for the hosted payroll service?", f.Amount),
            f => ([$"Employment terms for {f.Person}", $"Employer: {f.Company}", "", $"Start date: {f.Date}", $"Annual salary: {f.Amount} GBP, paid monthly", "Notice period: three months on either side", "Holiday: 25 days plus public holidays", "Accepted and agreed: ______ (employee)   ______ (employer)"],
                  "What yearly pay was agreed for the new hire?", f.Amount),
        ]),
        ("letter",
        [
            f => ([f.Company, f.Date, "", "Dear Sir or Madam,", "", $"I am writing about your invoice {f.Number}, which charges us {f.Amount} for deliveries we never received.", "We have asked twice for proof of delivery without reply. Until we receive it we will not pay.", "", "Yours faithfully,", f.Person],
                  "Why are we refusing to pay the disputed bill?", "never received"),
            f => ([f.Company, "", $"Dear {f.Person},", "", $"Thank you for meeting us on {f.Date} to discuss renewing the contract for the canteen.", "We were pleased to hear that you wish to continue, and we will send revised terms next week.", $"Our reference is {f.Number}.", "", "Kind regards,", f.Other],
                  "When did we meet to talk about extending the canteen deal?", f.Date),
            f => ([f.Company, "", $"Dear {f.Person},", "", "We are delighted to offer you a place on our apprenticeship programme in horticulture.", $"Please let us know by {f.Date} whether you accept.", "We look forward to welcoming you.", "", "With best wishes,", f.Other],
                  "By when does the trainee gardener have to answer our offer?", f.Date),
            f => ([f.Date, "", $"Dear {f.Person},", "", $"Following our inspection, {f.Company} regrets to inform you that the boundary wall at plot {f.Number} is unsafe.", "We ask you to arrange repairs within eight weeks and to keep the footpath closed until then.", "", "Sincerely,", f.Other],
                  "Which plot has the dangerous wall?", f.Number),
            f => ([f.Company, "", "Dear customer,", "", $"Our receipt {f.Number} of {f.Date} showed the wrong total: you paid {f.Amount}, not the amount printed.", "We apologise for the error and enclose a corrected copy for your records.", "", "Yours sincerely,", f.Person],
                  "What was the right total on the till slip that was printed wrongly?", f.Amount),
            f => ([$"Dear {f.Person},", "", $"It was a pleasure to host you and your team at {f.Company} last week.", $"As promised, I attach the photographs from the harbour tour on {f.Date}.", "Do let me know when you are next in town.", "", "Warm regards,", f.Other],
                  "When did the visitors go on the boat trip around the harbour?", f.Date),
        ]),
        ("report",
        [
            f => ([f.Company, $"Quarter ending {f.Date}", "", "Summary", $"Revenue rose 12% to {f.Amount} thousand; margins held steady.", "Findings", "Two distribution centres missed their delivery targets.", "Recommendations", "Consolidate routes in the north; review carrier contracts."],
                  "How did sales develop in the quarter?", f.Amount),
            f => ([f.Company, "Internal audit of supplier invoices", "", $"Scope: 240 invoices paid between January and {f.Date}.", $"Findings: 9 invoices were paid twice, a loss of {f.Amount} GBP; 3 lacked a purchase order.", "Conclusion: controls over duplicate payments are weak.", "Recommendation: enable automatic duplicate checks in the ledger."],
                  "How much money was lost through double payments to suppliers?", f.Amount),
            f => ([f.Company, "Site inspection findings", "", $"Inspection date: {f.Date}. Inspector: {f.Person}.", $"Observations: {f.Small} fire doors were wedged open; emergency lighting failed in stairwell B.", "Risk rating: high.", "Actions: remove wedges immediately; repair lighting within 48 hours."],
                  "What went wrong with the emergency lights?", "stairwell B"),
            f => ([f.Company, "Staff survey results", "", "Method: online questionnaire, 312 responses (78%).", "Key results: 71% would recommend us as an employer; workload is the main concern.", $"Comparison: engagement up 6 points on the previous survey of {f.Date}.", "Next steps: workload review in each team."],
                  "What worries employees most according to the questionnaire?", "workload is the main concern"),
            f => ([f.Company, "Project status", $"Period to {f.Date}", "", "Progress: 14 of 20 milestones complete.", $"Budget: {f.Amount} spent of the approved total; forecast within 3%.", "Risks: late delivery of switchgear; mitigated by a second supplier.", "Status: amber."],
                  "How much of the budget has been used so far on the project?", f.Amount),
            f => ([f.Company, "Energy use review", "", $"Electricity use fell to {f.Number} kWh this year after the LED retrofit.", "Gas use was flat; the boilers are 19 years old.", "Analysis shows payback of the retrofit in under three years.", "We recommend replacing the boilers next financial year."],
                  "How many kilowatt hours of power did we consume after the new lighting?", f.Number),
        ]),
        ("form",
        [
            f => ([f.Company, "Change of bank details", "", "Supplier name: ____________________", "Old account number: ______________", "New account number: ______________", "Effective from (date): ____________", "Authorised signature: ____________", "Please complete every field and return to accounts payable."],
                  "What do suppliers fill in to tell us their new account number?", "New account number"),
            f => ([f.Company, "Contract renewal request", "", "Contract reference: ______________", "Current end date: ________________", "Requested new term (months): _____", "Reason for renewal: _________________________", "Requested by (name): _____________   Signature: __________", "Tick one:  [ ] same terms   [ ] revised terms"],
                  "Which sheet do we use to ask for an extension of an agreement?", "Requested new term"),
            f => ([f.Company, "Expense claim", "", $"Employee: {f.Person}", $"Cost centre: {f.Number}", "Date | Description | Amount", $"{f.Date} | Train to Leeds | {f.Amount}", "[x] Receipts attached", "Manager approval: __________"],
                  "What rail fare did the employee claim back?", f.Amount),
            f => ([f.Company, "Visitor registration", "", "Full name: ________________", "Company: _________________", "Host: ____________________", "Time in: ______   Time out: ______", "Vehicle registration: ________", "[ ] I have read the safety briefing"],
                  "Where do guests write down their car number plate?", "Vehicle registration"),
            f => ([f.Company, "Application for a parking permit", "", $"Applicant: {f.Person}", $"Permit zone: {f.Small}", "Vehicle make and model: ______________", "Proof of address enclosed: [x] yes  [ ] no", "Declaration: the information given is true.  Signed: ______"],
                  "Which zone did the applicant ask to park in?", $"Permit zone: {f.Small}"),
            f => ([f.Company, "Incident report form", "", "Date and time of incident: __________", "Location: ______________", "Description of what happened: ____________________", "Injuries: [ ] none  [ ] first aid  [ ] hospital", "Witnesses (names): ______________", "Completed by: __________  Signature: ______"],
                  "Which paperwork do we complete after an accident at work?", "Description of what happened"),
        ]),
    ];
}
