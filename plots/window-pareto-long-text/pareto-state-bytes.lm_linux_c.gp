# window-pareto-long-text: accuracy vs decode-state bytes, lm_linux_c
#
# Accuracy against decode-state bytes: every configuration a numbered point (mean over seeds, bars min..max;
# cost: analytic decode state at the eval length), the Pareto frontier of the means as a step line; the key below the panels names each number.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot pareto-state-bytes.lm_linux_c.gp
# in this folder: it redraws pareto-state-bytes.lm_linux_c.png and pareto-state-bytes.lm_linux_c.svg from pareto-state-bytes.lm_linux_c.dat.

width = 1200; height = 3316   # pixels (svg: points)
fontspec = "sans,10"
data = "pareto-state-bytes.lm_linux_c.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "pareto-state-bytes.lm_linux_c." . format
    set grid
    set multiplot title "window-pareto-long-text: accuracy vs decode-state bytes, lm_linux_c" font ",12"

    # eval length 128
    set origin 0.0000,0.8492
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 128 tokens"
    set yrange [0.509844:0.607832]
    set xrange [5120:422707]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 128 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=128 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=128 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=128 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=128 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=128 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 256
    set origin 0.5000,0.8492
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 256 tokens"
    set yrange [0.495532:0.583325]
    set xrange [5120:842138]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 256 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=256 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=256 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=256 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=256 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=256 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 512
    set origin 0.0000,0.7105
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 512 tokens"
    set yrange [0.47095:0.595701]
    set xrange [5120:1.681e+06]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 512 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=512 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=512 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#7db0d3" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#609eca" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#599ac7" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::34::34 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::35::35 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::36::36 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::37::37 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::38::38 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::39::39 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::40::40 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::41::41 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::42::42 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::43::43 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::44::44 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::45::45 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::46::46 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::47::47 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::48::48 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::49::49 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e88889" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::50::50 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::51::51 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e67a7b" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::52::52 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::53::53 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::54::54 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::55::55 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::56::56 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::57::57 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::58::58 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::59::59 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::60::60 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::61::61 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::62::62 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::63::63 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::64::64 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::65::65 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::66::66 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | points]" every ::67::67 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=512 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=512 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=512 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 1024
    set origin 0.5000,0.7105
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 1,024 tokens"
    set yrange [0.429125:0.581984]
    set xrange [12800:3358720]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 1,024 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=1024 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=1024 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::34::34 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::35::35 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::36::36 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::37::37 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::38::38 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::39::39 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::40::40 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::41::41 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::42::42 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::43::43 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::44::44 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::45::45 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::46::46 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::47::47 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::48::48 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::49::49 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::50::50 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::51::51 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::52::52 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::53::53 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::54::54 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::55::55 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::56::56 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::57::57 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::58::58 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::59::59 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::60::60 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::61::61 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::62::62 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::63::63 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::64::64 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::65::65 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::66::66 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | points]" every ::67::67 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=1024 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=1024 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=1024 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 2048
    set origin 0.0000,0.5718
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 2,048 tokens"
    set yrange [0.430253:0.595519]
    set xrange [12800:6.71416e+06]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 2,048 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=2048 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=2048 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#75abd1" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#5196c5" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::34::34 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::35::35 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::36::36 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::37::37 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::38::38 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::39::39 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::40::40 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::41::41 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::42::42 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::43::43 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::44::44 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::45::45 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::46::46 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::47::47 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::48::48 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::49::49 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::50::50 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::51::51 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::52::52 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::53::53 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::54::54 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::55::55 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::56::56 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::57::57 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::58::58 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::59::59 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::60::60 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::61::61 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::62::62 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::63::63 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::64::64 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::65::65 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::66::66 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | points]" every ::67::67 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=2048 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=2048 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=2048 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # eval length 4096
    set origin 0.5000,0.5718
    set size 0.5000,0.1387
    set autoscale y
    set title "accuracy vs decode-state bytes, at 4,096 tokens"
    set yrange [0.415946:0.564637]
    set xrange [23040:1.3425e+07]
    set logscale x 2
    set format x "%.0b %BB"
    set xlabel "decode state of one sequence (bytes), log scale"
    set ylabel "accuracy at 4,096 tokens (mean over seeds)"
    set key outside below height 1
    plot data index "[L=4096 | frontier]" using 1:2 with steps lc rgb "#555555" lw 2 dt 1 title "Pareto frontier", \
         data index "[L=4096 | points]" every ::0::0 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 7 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::1::1 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#000000" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::2::2 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::3::3 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::4::4 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::5::5 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::6::6 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::7::7 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::8::8 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::9::9 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::10::10 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::11::11 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::12::12 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::13::13 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#438dc0" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::14::14 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::15::15 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3c88be" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::16::16 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::17::17 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#3584bb" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::18::18 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::19::19 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::20::20 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::21::21 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#267bb6" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::22::22 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 5 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::23::23 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#1f77b4" pt 9 dt 2 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::24::24 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::25::25 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::26::26 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::27::27 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#de5151" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::28::28 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::29::29 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#db4344" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::30::30 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::31::31 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d93536" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::32::32 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 5 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | points]" every ::33::33 using 2:5:3:4:6:7 with xyerrorbars lc rgb "#d62728" pt 9 dt 1 ps 1.3 lw 1.2 notitle, \
         data index "[L=4096 | frontier]" using 1:2 with points lc rgb "#555555" pt 6 ps 2.4 title "on the frontier", \
         data index "[L=4096 | labels]" using 4:5:($8 > 0 ? $6-$4 : 1/0):($8 > 0 ? $7-$5 : 1/0) with vectors nohead lc rgb "#999999" lw 0.8 notitle, \
         data index "[L=4096 | labels]" using 1:2:3 with labels center font ",9" tc rgb "#222222" notitle

    # key: the numbered points
    set origin 0,0
    set size 1,0.5718
    set title "points (number: configuration)"
    unset logscale x
    set xrange [0:1]
    set yrange [0:1]
    unset border
    unset xtics
    unset ytics
    unset xlabel
    unset ylabel
    unset grid
    set lmargin 2
    set rmargin 2
    set tmargin 2
    set bmargin 0
    set key inside left top Left reverse vertical maxrows 102 samplen 1 spacing 1.1 width 1
    plot -1 with lines notitle, \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "1  full afm train_length=128", \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "2  full afm train_length=512", \
         keyentry with points lc rgb "#000000" pt 7 dt 1 ps 1.3 title "3  full afm train_length=1024", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "4  full all_local train_length=128", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "5  full all_local train_length=512", \
         keyentry with points lc rgb "#000000" pt 5 dt 1 ps 1.3 title "6  full all_local train_length=1024", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "7  linear only all_local train_length=128", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "8  linear only all_local train_length=512", \
         keyentry with points lc rgb "#2ca02c" pt 5 dt 1 ps 1.3 title "9  linear only all_local train_length=1024", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "10  linear only lllg train_length=128", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "11  linear only lllg train_length=512", \
         keyentry with points lc rgb "#2ca02c" pt 9 dt 1 ps 1.3 title "12  linear only lllg train_length=1024", \
         keyentry with points lc rgb "#84b4d6" pt 5 dt 1 ps 1.3 title "13  swa W2 all_local train_length=128 window_fraction=1/64", \
         keyentry with points lc rgb "#84b4d6" pt 9 dt 1 ps 1.3 title "14  swa W2 lllg train_length=128 window_fraction=1/64", \
         keyentry with points lc rgb "#7db0d3" pt 5 dt 1 ps 1.3 title "15  swa W4 all_local train_length=128 window_fraction=1/32", \
         keyentry with points lc rgb "#7db0d3" pt 9 dt 1 ps 1.3 title "16  swa W4 lllg train_length=128 window_fraction=1/32", \
         keyentry with points lc rgb "#75abd1" pt 5 dt 1 ps 1.3 title "17  swa W8 all_local train_length=128 window_fraction=1/16", \
         keyentry with points lc rgb "#75abd1" pt 5 dt 1 ps 1.3 title "18  swa W8 all_local train_length=512 window_fraction=1/64", \
         keyentry with points lc rgb "#75abd1" pt 9 dt 1 ps 1.3 title "19  swa W8 lllg train_length=128 window_fraction=1/16", \
         keyentry with points lc rgb "#75abd1" pt 9 dt 1 ps 1.3 title "20  swa W8 lllg train_length=512 window_fraction=1/64", \
         keyentry with points lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 title "21  swa W16 all_local train_length=128 window_fraction=1/8", \
         keyentry with points lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 title "22  swa W16 all_local train_length=512 window_fraction=1/32", \
         keyentry with points lc rgb "#6ea7cf" pt 5 dt 1 ps 1.3 title "23  swa W16 all_local train_length=1024 window_fraction=1/64", \
         keyentry with points lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 title "24  swa W16 lllg train_length=128 window_fraction=1/8", \
         keyentry with points lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 title "25  swa W16 lllg train_length=512 window_fraction=1/32", \
         keyentry with points lc rgb "#6ea7cf" pt 9 dt 1 ps 1.3 title "26  swa W16 lllg train_length=1024 window_fraction=1/64", \
         keyentry with points lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 title "27  swa W32 all_local train_length=128 window_fraction=1/4", \
         keyentry with points lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 title "28  swa W32 all_local train_length=512 window_fraction=1/16", \
         keyentry with points lc rgb "#67a3cc" pt 5 dt 1 ps 1.3 title "29  swa W32 all_local train_length=1024 window_fraction=1/32", \
         keyentry with points lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 title "30  swa W32 lllg train_length=128 window_fraction=1/4", \
         keyentry with points lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 title "31  swa W32 lllg train_length=512 window_fraction=1/16", \
         keyentry with points lc rgb "#67a3cc" pt 9 dt 1 ps 1.3 title "32  swa W32 lllg train_length=1024 window_fraction=1/32", \
         keyentry with points lc rgb "#609eca" pt 5 dt 2 ps 1.3 title "33  swa W34 all_local train_length=128 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#609eca" pt 9 dt 2 ps 1.3 title "34  swa W34 lllg train_length=128 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#599ac7" pt 5 dt 2 ps 1.3 title "35  swa W36 all_local train_length=128 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#599ac7" pt 9 dt 2 ps 1.3 title "36  swa W36 lllg train_length=128 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#5196c5" pt 5 dt 2 ps 1.3 title "37  swa W40 all_local train_length=128 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#5196c5" pt 5 dt 2 ps 1.3 title "38  swa W40 all_local train_length=512 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#5196c5" pt 9 dt 2 ps 1.3 title "39  swa W40 lllg train_length=128 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#5196c5" pt 9 dt 2 ps 1.3 title "40  swa W40 lllg train_length=512 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 title "41  swa W48 all_local train_length=128 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 title "42  swa W48 all_local train_length=512 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#4a91c2" pt 5 dt 2 ps 1.3 title "43  swa W48 all_local train_length=1024 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 title "44  swa W48 lllg train_length=128 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 title "45  swa W48 lllg train_length=512 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#4a91c2" pt 9 dt 2 ps 1.3 title "46  swa W48 lllg train_length=1024 state_matched=rattention window_fraction=1/64", \
         keyentry with points lc rgb "#438dc0" pt 5 dt 1 ps 1.3 title "47  swa W64 all_local train_length=512 window_fraction=1/8", \
         keyentry with points lc rgb "#438dc0" pt 5 dt 1 ps 1.3 title "48  swa W64 all_local train_length=1024 window_fraction=1/16", \
         keyentry with points lc rgb "#438dc0" pt 5 dt 2 ps 1.3 title "49  swa W64 all_local train_length=128 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#438dc0" pt 5 dt 2 ps 1.3 title "50  swa W64 all_local train_length=512 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#438dc0" pt 5 dt 2 ps 1.3 title "51  swa W64 all_local train_length=1024 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#438dc0" pt 9 dt 1 ps 1.3 title "52  swa W64 lllg train_length=512 window_fraction=1/8", \
         keyentry with points lc rgb "#438dc0" pt 9 dt 1 ps 1.3 title "53  swa W64 lllg train_length=1024 window_fraction=1/16", \
         keyentry with points lc rgb "#438dc0" pt 9 dt 2 ps 1.3 title "54  swa W64 lllg train_length=128 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#438dc0" pt 9 dt 2 ps 1.3 title "55  swa W64 lllg train_length=512 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#438dc0" pt 9 dt 2 ps 1.3 title "56  swa W64 lllg train_length=1024 state_matched=rattention window_fraction=1/32", \
         keyentry with points lc rgb "#3c88be" pt 5 dt 2 ps 1.3 title "57  swa W96 all_local train_length=512 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#3c88be" pt 5 dt 2 ps 1.3 title "58  swa W96 all_local train_length=1024 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#3c88be" pt 9 dt 2 ps 1.3 title "59  swa W96 lllg train_length=512 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#3c88be" pt 9 dt 2 ps 1.3 title "60  swa W96 lllg train_length=1024 state_matched=rattention window_fraction=1/16", \
         keyentry with points lc rgb "#3584bb" pt 5 dt 1 ps 1.3 title "61  swa W128 all_local train_length=512 window_fraction=1/4", \
         keyentry with points lc rgb "#3584bb" pt 5 dt 1 ps 1.3 title "62  swa W128 all_local train_length=1024 window_fraction=1/8", \
         keyentry with points lc rgb "#3584bb" pt 9 dt 1 ps 1.3 title "63  swa W128 lllg train_length=512 window_fraction=1/4", \
         keyentry with points lc rgb "#3584bb" pt 9 dt 1 ps 1.3 title "64  swa W128 lllg train_length=1024 window_fraction=1/8", \
         keyentry with points lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 title "65  swa W160 all_local train_length=512 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#2d80b9" pt 5 dt 2 ps 1.3 title "66  swa W160 all_local train_length=1024 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 title "67  swa W160 lllg train_length=512 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#2d80b9" pt 9 dt 2 ps 1.3 title "68  swa W160 lllg train_length=1024 state_matched=rattention window_fraction=1/8", \
         keyentry with points lc rgb "#267bb6" pt 5 dt 1 ps 1.3 title "69  swa W256 all_local train_length=1024 window_fraction=1/4", \
         keyentry with points lc rgb "#267bb6" pt 9 dt 1 ps 1.3 title "70  swa W256 lllg train_length=1024 window_fraction=1/4", \
         keyentry with points lc rgb "#1f77b4" pt 5 dt 2 ps 1.3 title "71  swa W288 all_local train_length=1024 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#1f77b4" pt 9 dt 2 ps 1.3 title "72  swa W288 lllg train_length=1024 state_matched=rattention window_fraction=1/4", \
         keyentry with points lc rgb "#e88889" pt 5 dt 1 ps 1.3 title "73  ratt W2 all_local train_length=128 window_fraction=1/64", \
         keyentry with points lc rgb "#e88889" pt 9 dt 1 ps 1.3 title "74  ratt W2 lllg train_length=128 window_fraction=1/64", \
         keyentry with points lc rgb "#e67a7b" pt 5 dt 1 ps 1.3 title "75  ratt W4 all_local train_length=128 window_fraction=1/32", \
         keyentry with points lc rgb "#e67a7b" pt 9 dt 1 ps 1.3 title "76  ratt W4 lllg train_length=128 window_fraction=1/32", \
         keyentry with points lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 title "77  ratt W8 all_local train_length=128 window_fraction=1/16", \
         keyentry with points lc rgb "#e36c6d" pt 5 dt 1 ps 1.3 title "78  ratt W8 all_local train_length=512 window_fraction=1/64", \
         keyentry with points lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 title "79  ratt W8 lllg train_length=128 window_fraction=1/16", \
         keyentry with points lc rgb "#e36c6d" pt 9 dt 1 ps 1.3 title "80  ratt W8 lllg train_length=512 window_fraction=1/64", \
         keyentry with points lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 title "81  ratt W16 all_local train_length=128 window_fraction=1/8", \
         keyentry with points lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 title "82  ratt W16 all_local train_length=512 window_fraction=1/32", \
         keyentry with points lc rgb "#e15f5f" pt 5 dt 1 ps 1.3 title "83  ratt W16 all_local train_length=1024 window_fraction=1/64", \
         keyentry with points lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 title "84  ratt W16 lllg train_length=128 window_fraction=1/8", \
         keyentry with points lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 title "85  ratt W16 lllg train_length=512 window_fraction=1/32", \
         keyentry with points lc rgb "#e15f5f" pt 9 dt 1 ps 1.3 title "86  ratt W16 lllg train_length=1024 window_fraction=1/64", \
         keyentry with points lc rgb "#de5151" pt 5 dt 1 ps 1.3 title "87  ratt W32 all_local train_length=128 window_fraction=1/4", \
         keyentry with points lc rgb "#de5151" pt 5 dt 1 ps 1.3 title "88  ratt W32 all_local train_length=512 window_fraction=1/16", \
         keyentry with points lc rgb "#de5151" pt 5 dt 1 ps 1.3 title "89  ratt W32 all_local train_length=1024 window_fraction=1/32", \
         keyentry with points lc rgb "#de5151" pt 9 dt 1 ps 1.3 title "90  ratt W32 lllg train_length=128 window_fraction=1/4", \
         keyentry with points lc rgb "#de5151" pt 9 dt 1 ps 1.3 title "91  ratt W32 lllg train_length=512 window_fraction=1/16", \
         keyentry with points lc rgb "#de5151" pt 9 dt 1 ps 1.3 title "92  ratt W32 lllg train_length=1024 window_fraction=1/32", \
         keyentry with points lc rgb "#db4344" pt 5 dt 1 ps 1.3 title "93  ratt W64 all_local train_length=512 window_fraction=1/8", \
         keyentry with points lc rgb "#db4344" pt 5 dt 1 ps 1.3 title "94  ratt W64 all_local train_length=1024 window_fraction=1/16", \
         keyentry with points lc rgb "#db4344" pt 9 dt 1 ps 1.3 title "95  ratt W64 lllg train_length=512 window_fraction=1/8", \
         keyentry with points lc rgb "#db4344" pt 9 dt 1 ps 1.3 title "96  ratt W64 lllg train_length=1024 window_fraction=1/16", \
         keyentry with points lc rgb "#d93536" pt 5 dt 1 ps 1.3 title "97  ratt W128 all_local train_length=512 window_fraction=1/4", \
         keyentry with points lc rgb "#d93536" pt 5 dt 1 ps 1.3 title "98  ratt W128 all_local train_length=1024 window_fraction=1/8", \
         keyentry with points lc rgb "#d93536" pt 9 dt 1 ps 1.3 title "99  ratt W128 lllg train_length=512 window_fraction=1/4", \
         keyentry with points lc rgb "#d93536" pt 9 dt 1 ps 1.3 title "100  ratt W128 lllg train_length=1024 window_fraction=1/8", \
         keyentry with points lc rgb "#d62728" pt 5 dt 1 ps 1.3 title "101  ratt W256 all_local train_length=1024 window_fraction=1/4", \
         keyentry with points lc rgb "#d62728" pt 9 dt 1 ps 1.3 title "102  ratt W256 lllg train_length=1024 window_fraction=1/4"

    unset multiplot
    set output
}
