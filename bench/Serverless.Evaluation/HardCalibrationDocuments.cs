namespace Serverless.Evaluation;

/// <summary>
/// A second calibration set, written after the taxonomy's example documents made the first one too easy (all of it
/// right): 36 short documents (six per class) written by a helper session that read nothing of the project, meant to
/// be hard but fair (terse, mixed, in another class's vocabulary, OCR noise). Used, like the first, only by
/// <c>--calibrate</c> for the temperature and the review threshold (its accuracy is printed there); never used for a weight.
/// </summary>
public static class HardCalibrationDocuments
{
    public static IReadOnlyList<(string Label, string Text)> All { get; } =
    [
        ("invoice", """
            Kowalczyk Plumbing & Heating
            Job 4471 - replaced boiler pressure valve, 14 Lime St, Leeds
            Labour 2 hrs + parts: £186.40
            Please pay within 7 days to sort code 20-44-91, acc 63017725, ref 4471
            """),
        ("invoice", """
            Hi Marisol,
            Thanks so much for having me shoot the bakery's grand opening on Saturday - the photos came out great!
            As we agreed it's $650 for the event plus $90 for the printed set, so $740 all in.
            If you could get that to me by June 15 that would be perfect. Venmo @toby-reyes-photo or a check made out to the studio both work.
            Ref #TR-0912
            Thanks again,
            Toby
            """),
        ("invoice", """
            N0RDHAV MARINE SUPPLY AS
            Org.nr 918 442 067 MVA
            Doc no: 2O24-0381    Date: 03.04.2024
            Bill to: Bryggen Fiskeri AS, Strandkaien 12, 5013 Bergen
            Anchor chain 10mm x 50m ...... 1 .... 8 450,00
            Shackle galv. 12rnm .......... 6 ...... 534,00
            Subtota1 excl. VAT                8 984,00
            VAT 25%                           2 246,00
            T0TAL DUE  NOK                   11 230,00
            Due date: 17.04.2O24
            Pay to acct 1503 27 88412, KID 0038124
            """),
        ("invoice", """
            STATEMENT OF ACCOUNT
            Greenleaf Landscaping Pty Ltd  ABN 51 772 903 118
            To: Harbourview Strata Plan 40217
            Statement date: 31/08/2024
            14/06  Ref GL-2291  Lawn & hedge maintenance June   $1,320.00
            12/07  Ref GL-2337  Lawn & hedge maintenance July   $1,320.00
            19/07  Payment received, thank you                 -$1,320.00
            09/08  Ref GL-2384  Tree removal, rear boundary     $2,875.00
            Balance outstanding: $4,195.00
            30+ days: $1,320.00   Current: $2,875.00
            Please remit by 14/09/2024. BSB 062-118 Acc 1099 4573
            Overdue amounts attract interest of 1.5% per month.
            """),
        ("invoice", """
            Thank you for your order!
            Maple Ridge Custom Cabinets Ltd
            Order 7730 - kitchen cabinets, oak shaker, supplied and installed
            Order total: CAD 6,480.00 (incl. GST/PST)
            Deposit received 02/05 by e-transfer: CAD 2,000.00 - thank you
            Paid to date: CAD 2,000.00
            Balance owing: CAD 4,480.00
            Balance is payable on completion of install and no later than 30 days from this notice.
            E-transfer to accounts@mapleridgecab.ca or cheque payable to Maple Ridge Custom Cabinets Ltd.
            """),
        ("invoice", """
            SURYA POWER DISTRIBUTION LTD
            Consumer No: 1102 5538 9071   Name: Meenakshi Raghavan
            Billing period: 01-Jul-2024 to 31-Jul-2024
            Units consumed: 312 kWh (prev rdg 18,406 / curr rdg 18,718)
            Energy charges     ₹ 2,184.00
            Fixed charges      ₹ 120.00
            Electricity duty   ₹ 115.20
            Amount payable     ₹ 2,419.20
            Due date: 18-Aug-2024   After due date: ₹ 2,467.00
            Pay via UPI / net banking / any collection centre
            """),
        ("receipt", """
            Café Lumière - 12 rue Caulaincourt, Paris
            2 x Cappuccino       7,00
            1 x Croissant        3,20
            TOTAL EUR           10,20
            CB VISA ****4417  PAYÉ 14/05 08:52
            Merci et à bientôt
            """),
        ("receipt", """
            Hotel Casa Azul - Oaxaca
            Guest: Liesel Brandt   Room 208
            Arrival 09/11/2024   Departure 12/11/2024
            09/11  Room charge          MXN 1,850.00
            10/11  Room charge          MXN 1,850.00
            10/11  Restaurant           MXN   642.00
            11/11  Room charge          MXN 1,850.00
            11/11  Laundry              MXN   210.00
            Total charges               MXN 6,402.00
            12/11  Mastercard ****9036  MXN -6,402.00
            Balance                     MXN 0.00
            Thank you for staying with us
            """),
        ("receipt", """
            FRESHWAY MARKET  ALBANY CREEK
            ABN 33 605 217 884
            BANANAS CAVENDISH  1.12kg @ $3.90/kg   4.37
            MILK FULL CRM 2L                      3.10
            SOURD0UGH LOAF                        6.50
            EGGS FREE RANGE 12PK                  7.20
            SUBT0TAL                             21.17
            T0TAL                   $21.17
            EFTPOS                  $21.17
            CHANGE                   $0.00
            APPR0VED  AUTH 51O882
            27/O3/24 17:46  LANE 4  OP 112
            THANK Y0U F0R SH0PPING
            """),
        ("receipt", """
            Received from Daniel Okafor the sum of eight hundred and fifty dollars ($850.00) in cash,
            being rent for Unit 3B, 77 Carver Ave, for the month of March 2024.
            Date: 1 March 2024
            Received by: Helen Marsh (landlord)
            Signed: H. Marsh
            """),
        ("receipt", """
            Payment confirmation
            Payee: Kauri Coast Vet Clinic
            Amount paid: NZD 318.50
            Paid on: 22 Feb 2024, 10:14 am
            Method: Visa debit ending 2281
            Transaction ID: PX-88310472
            For: consultation + vaccinations (Pip, canine)
            Status: Successful - nothing further to pay
            Keep this confirmation for your records.
            """),
        ("receipt", """
            Lim & Chua Printing Pte Ltd
            GST Reg No. M2-0088312-4
            Bill ref: LC-5521    Issued: 05/02/2024
            Customer: Orchid Lane Florist
            A5 flyers, 4-colour, 2,000 pcs     SGD 380.00
            Business cards, 3 names x 200      SGD 135.00
            Subtotal                           SGD 515.00
            GST 9%                             SGD  46.35
            Total                              SGD 561.35
            PAID IN FULL 12/02/2024 - PayNow txn 7Q4K29
            Amount outstanding: SGD 0.00
            """),
        ("contract", """
            From: Priya Natarajan
            To: Gideon Ashby
            Subject: Memorandum of agreement - shopfront mural
            This memorandum records what Priya Natarajan (artist) and Gideon Ashby, trading as Ashby Books (owner), have agreed:
            1. The artist will paint a mural on the front wall of 9 Tanner Row between 3 and 21 June 2024.
            2. The owner will pay a fee of £2,400: £800 on signing and £1,600 on completion.
            3. The owner supplies scaffolding and wall preparation; the artist supplies paint and materials.
            4. The artist keeps copyright; the owner may photograph the mural for promotion.
            5. Either party may cancel with 14 days' written notice; the first payment is then non-refundable.
            Both parties accept these terms by replying 'Agreed' and signing the printed copy.
            P. Natarajan ______   G. Ashby ______
            """),
        ("contract", """
            Parking space - 4 May 2024
            Owner: Rosa Delgado. Renter: Kwame Mensah.
            Rosa lets space #14 at 220 Birch Rd to Kwame for $120/month, paid by the 1st; month to month, 30 days' notice by either side.
            Signed: R. Delgado   K. Mensah
            """),
        ("contract", """
            Framework services agreement No. FS-2024-017
            between Hollerbach Logistik GmbH, Kassel ("Client") and Brenner IT-Service e.K., Fulda ("Contractor")
            §1 The Contractor shall provide IT support for the Client's warehouse systems as set out in Annex A.
            §2 Fees: EUR 95.00 per hour net, plus VAT at the statutory rate. Call-outs are billed at a minimum of 1 hour.
            §3 The Contractor shall invoice monthly in arrears, stating hours per ticket. Invoices are payable within 30 days net; 2% discount if paid within 10 days.
            §4 Late payment: interest at 9 percentage points above the base rate per § 288 BGB.
            §5 Term: 1 July 2024 - 30 June 2025, renewing for 12 months unless terminated with 3 months' notice.
            §6 Place of jurisdiction: Kassel.
            Kassel, 20.06.2024
            for the Client: ____________   for the Contractor: ____________
            """),
        ("contract", """
            MUTUAL NON-DlSCLOSURE AGREEMENT
            This Agreernent is made on 8 January 2025 between Tessaract Bio1abs Inc., a De1aware corporation ("Tessaract"),
            and Quillon Analytics LLC ("Quil1on"), each a "Party".
            1. Confidentia1 lnformation means any non-public inforrnation disclosed by one Party to the other.
            2. The receiving Party sha11 use Confidential lnformation solely to evaluate a potentia1 co11aboration
            and shall not disclose it to any third party without prior written consent.
            3. Obligations under this Agreement survive for three (3) years after termination.
            4. This Agreement is governed by the laws of the State of New York.
            IN WITNESS WHEREOF the Parties have executed this Agreement.
            Tessaract Bio1abs Inc.   By: /s/ Maren Voss     Title: CEO
            Quil1on Analytics LLC    By: /s/ Ilya Petrenko  Title: Managing Member
            """),
        ("contract", """
            I, Sipho Dlamini, sell my 2016 Toyota Corolla, reg CA 418-207, VIN AHTBB3QE70G391155, to Annelie van Wyk for R118 000.
            The buyer pays R18 000 today and R100 000 by EFT on or before 30 September 2024. Ownership passes when the full amount has cleared.
            The car is sold voetstoots (as is), odometer at 142 310 km. The seller hands over the spare key, service book and signed registration papers on final payment.
            If the buyer does not pay the balance by that date, the seller may cancel the sale and keep R5 000 of the deposit.
            Signed at Stellenbosch on 12 September 2024.
            Seller: ____________  Buyer: ____________  Witness: ____________
            """),
        ("contract", """
            Loan between Wanjiru Kamau (lender) and Otieno Barasa (borrower), Nairobi, 3 March 2025
            - Wanjiru lends Otieno KES 250,000 to buy stock for his hardware shop.
            - Otieno will repay KES 25,000 every month by M-Pesa, starting 5 April 2025, until the full amount is repaid.
            - No interest is charged if every payment is on time; each missed payment adds KES 1,000.
            - If Otieno misses three payments in a row, the whole balance becomes due at once.
            - Either of us can pay off early with no penalty.
            We both agree and sign below.
            Lender: W. Kamau ______   Borrower: O. Barasa ______
            Witness: Grace Muthoni ______
            """),
        ("letter", """
            Hi Tom,
            Got your invoice for the fence repairs, all looks right. I'll transfer it Friday when I get paid.
            Thanks again,
            Ruth
            """),
        ("letter", """
            Flat 6, 14 Alder Court
            Glasgow G12 8QP
            2 October 2024
            Dear Mr Fairweather,
            I am writing about the damp in the bedroom of Flat 6, which I first reported to you on 4 September.
            Clause 7.2 of our tenancy agreement states that "the Landlord shall keep in repair the structure and exterior of the dwelling, including drains, gutters and external pipes".
            Clause 7.4 adds that such repairs "shall be carried out within a reasonable time after notice".
            The leaking gutter above the window is still not fixed, and mould is now spreading across the wall and into my daughter's wardrobe.
            Please arrange the repair within 14 days. If I do not hear from you, I will contact the council's private housing team.
            Yours sincerely,
            Aoife Brennan
            """),
        ("letter", """
            Subject: Charged twice for order 55-1938
            Hello,
            I ordered a standing desk (order 55-1938) on 2 March and paid R$ 1.249,90 by card. My statement now shows two charges of R$ 1.249,90 dated 3 March.
            I've only received one desk. Could you please refund the duplicate charge to the same card?
            I've attached a screenshot of the statement. My phone is (11) 97340-5528 if that's easier.
            Obrigado,
            Lucas Ferreira
            """),
        ("letter", """
            HALDANE MUTUAL INSURANCE
            40 Quay Street, Cork
            Our ref: CLM/22/71904
            19 Ju1y 2024
            Ms Orla Keane
            3 Ash Grove, Douglas, Cork
            Dear Ms Keane,
            Re: Claim for storm damage to garden wa11
            Thank you for sending the photographs and the contractor's estimate. Our 1oss adjuster, Mr Declan Roche, wi11 ca11 you in the next few days to arrange a visit.
            P1ease do not begin repairs unti1 he has inspected the damage, un1ess the wa11 is unsafe.
            If you have any questions, p1ease quote the reference above.
            Yours sincere1y,
            Niamh Gal1agher
            C1aims Hand1er
            """),
        ("letter", """
            Dear Mrs Abara,
            Thank you for your interest in a place at Little Acorns Nursery for Chidi from January.
            I enclose our registration pack. Please complete the child details and emergency contacts sections, tick the days you would like, and sign the consent page at the back.
            We also need a copy of Chidi's immunisation record. You can return everything by post or drop it in at reception by 29 November.
            Once we have it, I will confirm his start date and send you our fees schedule.
            Warm regards,
            Beatrice Holm
            Nursery Manager
            """),
        ("letter", """
            Dear Ms Tan,
            Please find attached our review of the Jurong outlet's first half-year, as you asked at the March meeting.
            In short, takings are up on last year and the new lunch menu is doing well, but staff turnover is still a worry. The detail and our suggestions are in the attachment.
            I'd be glad to go through it with you over coffee next week if that suits - just let me know which day works.
            Best regards,
            Raymond Goh
            Goh & Partners
            """),
        ("report", """
            Week 14 update - warehouse system migration, Delft DC: inventory and picking modules are live; 82% of SKUs
            migrated and reconciled, with 3 open blockers (label printer drivers, barcode mismatch on 214 legacy items,
            EDI feed from carrier Vandijk timing out). Go-live for outbound shipping moves from 12 Apr to 19 Apr.
            Spend to date EUR 148k of EUR 190k budget. Overall status: amber. Next step: vendor fix for the EDI feed, due Thursday.
            """),
        ("report", """
            Accounts receivable ageing - as at 30 Sept 2024
            Prepared by: Finance, Oakhurst Wholesale Ltd
            Customer            Inv no.    Amount      Days o/s
            Bramble Deli        INV-6610   £1,240.00   12
            Bramble Deli        INV-6544   £  980.00   47
            Northgate Cafe      INV-6471   £2,315.50   76
            Peel St Grocer      INV-6398   £  415.00   103
            Total outstanding: £4,950.50
            Over 60 days: £2,730.50 (55% of total, up from 31% in August)
            Findings: Northgate and Peel St account for all debt over 60 days; both missed promised payment dates.
            Recommendation: put Peel St on stop, agree a payment plan with Northgate, chase Bramble INV-6544 this week.
            """),
        ("report", """
            Roof inspection, Unit 4, Te Rapa Business Park - 12/03/2025
            Findings: 3 cracked ridge tiles; NE gutter blocked; minor damp stain on office ceiling below.
            Risk: moderate - likely to worsen over winter.
            Recommend: replace tiles and clear gutter within 4 weeks. Est. cost NZ$900-1,100.
            """),
        ("report", """
            AQUALAB TESTING SERVICES
            Sample ID: W-24-09817   Received: 11/06/2024
            Client: Pinecrest Holiday Park, bore no. 2
            Parameter          Result         Limit     Status
            E. co1i            3 cfu/100mL    0         FAIL
            Tota1 co1iforms    41 cfu/100mL   -         HIGH
            pH                 7.4            6.5-8.5   PASS
            Nitrate (as N)     6.2 mg/L       11.3      PASS
            Turbidity          0.8 NTU        1.0       PASS
            Conc1usion: samp1e does not meet drinking water standard due to E. coli detection.
            Recommend: boi1 water notice, shock ch1orinate bore and resamp1e within 7 days.
            Ana1yst: K. Oyelaran
            """),
        ("report", """
            What our customers told us - Sunny Side Bike Repairs, spring 2025
            We asked everyone who picked up a bike in March and April to fill in a short card. 126 people answered.
            - 88% were happy or very happy with the repair.
            - The biggest complaint (41 people) was waiting time: average 6 days, most wanted 3 or less.
            - 37 people said they'd pay a bit more for same-day service.
            - Only 9 knew we also sell second-hand bikes.
            What we'll do: trial same-day slots on Tuesdays and Fridays, hire a part-time mechanic for summer, and put the used bikes out front.
            """),
        ("report", """
            Monthly performance summary - Kyoto Sakura Ryokan - October 2024
            Occupancy: 87% (Sept 74%, Oct last year 81%)
            Average daily rate: ¥32,400 (+6% YoY)
            Room revenue: ¥18,130,000
            F&B revenue: ¥4,260,000
            Operating costs: ¥15,870,000 (utilities +12% vs budget)
            Gross operating profit: ¥6,520,000, 29% margin
            Comments: foliage season demand drove weekend sell-outs; weekday occupancy lags at 71%.
            Risks: two senior kitchen staff leaving in December.
            Next month: weekday stay-2 offer; review energy contract.
            """),
        ("form", """
            Name: ______________________
            Date of birth: __ / __ / ____
            [ ] I have read and accept the house rules
            Signature: ______________   Date: ________
            """),
        ("form", """
            Section C - Monthly household income and outgoings (in EUR)
            Net wages / salary ................ € ________
            Pensions or benefits .............. € ________
            Other income ...................... € ________
            Total income (A) .................. € ________
            Rent or mortgage .................. € ________
            Energy and water .................. € ________
            Food and household ................ € ________
            Loan repayments ................... € ________
            Total outgoings (B) ............... € ________
            Disposable income (A - B) ......... € ________
            [ ] Last 3 payslips attached   [ ] Bank statements attached
            """),
        ("form", """
            Staff leave request
            Employee name: Farida Nasser        Staff no.: 40821
            Department: Accounts payable
            Type of leave: [x] Annual  [ ] Sick  [ ] Unpaid  [ ] Other: ______
            From: 22/12/2024   To: 03/01/2025   Working days: 7
            Cover arranged with: Jonah Whitlock
            Employee signature: F. Nasser   Date: 18/11/2024
            --- Manager use only ---
            [x] Approved  [ ] Declined   Reason: ____________
            Manager: P. Lindqvist   Date: 19/11/2024
            """),
        ("form", """
            CUST0MS DECLARATl0N   CN22
            [ ] Gift   [ ] Documents   [x] Sale of goods   [ ] Commercial sample   [ ] Other
            Quantity and detailed description of contents    Weight (kg)   Value
            2 x hand-knitted wool scarves                    0.36          GBP 48.00
            ____________________________________             ______        _______
            HS tariff no. (if known): 6117.10    Country of origin: United Kingdom
            Total weight: 0.41 kg     Total value: GBP 48.00
            I certify that the particulars given in this declaration are correct.
            Date and sender's signature: 06/O2/2O25  E. Pryce
            """),
        ("form", """
            Card payment authorisation
            Please complete and return to accounts@tidewaterfreight.com.au
            Customer account no.: __________
            Invoice number(s) to be paid: ______________________
            Amount to charge: AUD $__________
            Card type: [ ] Visa  [ ] Mastercard  [ ] Amex (2.1% surcharge)
            Name on card: ______________________
            Card number: ____ ____ ____ ____   Expiry: __/__   CVV: ___
            [ ] Charge this amount once   [ ] Charge all future invoices on due date
            Cardholder signature: __________________   Date: ___/___/____
            """),
        ("form", """
            Riverside Elementary - Grade 4 trip to Lakeshore Science Museum, Thursday May 8
            Please return this slip to your child's teacher by Friday May 2.
            Student name: Emma Lindgren          Class: 4B (Mr. Abernathy)
            [x] My child may attend the trip.   [ ] My child may NOT attend.
            Trip cost $18.00:  [x] enclosed (cash)  [ ] paid online  [ ] I would like help with the cost
            Allergies / medical needs: peanuts - carries EpiPen
            Emergency contact: Karin Lindgren   Phone: ____________
            [ ] I can volunteer as a chaperone
            Parent/guardian signature: ______________   Date: ______
            """),
    ];
}
